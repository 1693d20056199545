import {
  BadUserInputError,
  ConflictError,
  isDuplicateKey,
  now,
  orgRef,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import { type Models, OPEN_MOVE_KEY, type OrganizationDoc, type OrgMoveDoc } from '../models';
import { publishOrgs } from './org-events';
import { requireOpen, writableOrganization } from './organizations';
import { checkPlacement } from './tree';

export const MOVE_BATCH = 1000;

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((id, i) => path[i] === id);
}

export interface MoveOptions {
  batchSize?: number;
  /** Called after each batch is written and published (tests interrupt moves here). */
  afterBatch?: (batch: number) => void | Promise<void>;
}

/** Inserts documents, skipping those already there (a re-run inserting what a crashed run did). */
async function insertMissing(
  collection: Models['Organization']['collection'],
  docs: object[],
): Promise<void> {
  if (docs.length === 0) return;
  try {
    await collection.insertMany(docs as never[], { ordered: false });
  } catch (e) {
    const errors = (e as { writeErrors?: unknown[] }).writeErrors ?? [];
    if (errors.length === 0 || !errors.every(isDuplicateKey)) throw e;
  }
}

/** Puts back nodes a crashed run deleted but did not re-insert, from their staged new documents. */
async function restoreStaged(models: Models, moveId: string): Promise<void> {
  const staged = await models.OrgMoveNode.find({ moveId }).lean();
  if (staged.length === 0) return;
  const present = new Set(
    await models.Organization.distinct('_id', { _id: { $in: staged.map((s) => s.doc._id) } }),
  );
  await insertMissing(
    models.Organization.collection,
    staged.filter((s) => !present.has(s.doc._id)).map((s) => s.doc),
  );
}

/**
 * Rewrites the paths of a recorded move's subtree. Every new path is computed from the recorded
 * old and new prefixes, so the work is idempotent: a node already under the new prefix is left
 * alone (its snapshot is re-published, in case a crash came between write and publish), and a
 * re-run after a crash finishes the rest. Per batch: stage the new documents, delete the old ones,
 * insert the new ones — bulk commands, since FerretDB updates one document at a time.
 */
export async function runMove(
  models: Models,
  publish: Context['publish'],
  move: OrgMoveDoc,
  { batchSize = MOVE_BATCH, afterBatch }: MoveOptions = {},
): Promise<OrgMoveDoc> {
  await restoreStaged(models, move._id);
  const nodes = await models.Organization.find({ path: move.organizationId }).lean<OrganizationDoc[]>();
  const pending: OrganizationDoc[] = [];
  const settled: OrganizationDoc[] = [];
  const at = now();
  for (const node of nodes) {
    if (startsWith(node.path, move.newPrefix)) settled.push(node);
    else if (startsWith(node.path, move.oldPrefix)) {
      pending.push({
        ...node,
        path: [...move.newPrefix, ...node.path.slice(move.oldPrefix.length)],
        parentId: node._id === move.organizationId ? move.toParentId : node.parentId,
        version: node.version + 1,
        updatedAt: at,
      });
    }
  }
  // The old ancestors lose the subtree from their `children` and `descendants`.
  const oldAncestors = move.oldPrefix.map(orgRef);
  for (let i = 0; i < settled.length; i += batchSize)
    await publishOrgs(publish, settled.slice(i, i + batchSize), oldAncestors);
  for (let i = 0, batch = 0; i < pending.length; i += batchSize, batch++) {
    const chunk = pending.slice(i, i + batchSize);
    await insertMissing(
      models.OrgMoveNode.collection,
      chunk.map((doc) => ({ _id: `${move._id}:${doc._id}`, moveId: move._id, doc })),
    );
    await models.Organization.deleteMany({ _id: { $in: chunk.map((n) => n._id) } });
    await insertMissing(models.Organization.collection, chunk);
    await publishOrgs(publish, chunk, oldAncestors);
    await afterBatch?.(batch);
  }
  const done = await updateDocument(models.OrgMove, move._id, {
    $set: { done: true, openKey: move._id, moved: pending.length + settled.length },
  });
  await models.OrgMoveNode.deleteMany({ moveId: move._id });
  return done ?? move;
}

/**
 * Moves an organization and its subtree under a new parent. The intent is recorded first (one
 * open move in the tree at a time, by a unique key), then `runMove` does the work. Asking for the
 * same move again resumes an interrupted one, or returns the finished one.
 */
export async function moveOrganization(
  ctx: Context,
  id: string,
  parentId: string,
  options: MoveOptions = {},
): Promise<OrgMoveDoc> {
  const { models } = ctx;
  const org = await writableOrganization(ctx, id, 'id');
  const parent = await writableOrganization(ctx, parentId, 'parentId');
  const open = await models.OrgMove.findOne({ openKey: OPEN_MOVE_KEY }).lean<OrgMoveDoc>();
  if (open) {
    if (open.organizationId === id && open.toParentId === parentId) {
      return runMove(models, ctx.publish, open, options);
    }
    throw new ConflictError(text('moveInProgress'), {
      moveId: open._id,
      organizationId: open.organizationId,
      parentId: open.toParentId,
    });
  }
  if (!org.parentId) throw new BadUserInputError(text('nationalCannotMove'), 'id');
  if (parent.path.includes(id)) {
    throw new BadUserInputError(text('moveUnderSubtree'), 'parentId');
  }
  if (org.parentId === parentId) {
    const last = await models.OrgMove.findOne({ organizationId: id, toParentId: parentId, done: true })
      .sort({ createdAt: -1 })
      .lean<OrgMoveDoc>();
    if (last) return last;
    throw new BadUserInputError(text('alreadyUnderParent'), 'parentId');
  }
  requireOpen(org, 'id');
  const level = checkPlacement(org.type, parent);
  if (level !== org.level) {
    throw new BadUserInputError(text('levelWouldChange', { from: org.level, to: level }), 'parentId');
  }
  let move: OrgMoveDoc;
  try {
    move = (
      await models.OrgMove.create({
        organizationId: id,
        fromParentId: org.parentId,
        toParentId: parentId,
        oldPrefix: org.path,
        newPrefix: [...parent.path, id],
        openKey: OPEN_MOVE_KEY,
        requestedBy: ctx.caller.id,
      })
    ).toObject() as OrgMoveDoc;
  } catch (e) {
    if (isDuplicateKey(e)) {
      throw new ConflictError(text('moveJustStarted'));
    }
    throw e;
  }
  return runMove(models, ctx.publish, move, options);
}
