import {
  appendOnce,
  BadUserInputError,
  ConflictError,
  type EntityRef,
  ForbiddenError,
  modifyDocument,
  NotFoundError,
  newId,
  orgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { OrganizationDoc } from '../models';
import { OPEN_MOVE_KEY } from '../models';
import { bumpHostUnit, checkCoverable, cover, transferCoverage } from './coverage';
import { hostUnitRef, publishOrgs } from './org-events';
import { checkPlacement, GRASSROOTS_UNION_TYPES, OPEN_STATUSES } from './tree';
import { refreshUnionFacts, sharedFacts, type UnionFacts } from './unit-facts';
import { checkCounts, checkCreditCode, checkDivision } from './validate';

/** An organization the caller may see, or null: outside the scope reads as absent. */
export async function visibleOrganization(ctx: Context, id: string): Promise<OrganizationDoc | null> {
  const org = await ctx.loaders.organization.load(id);
  return org && ctx.scope.contains(org) ? org : null;
}

/**
 * The organization a record belongs to. Records are only reachable through a visible
 * organization or a scoped query, so their owner is visible too.
 */
export async function ownerOf(ctx: Context, organizationId: string): Promise<OrganizationDoc> {
  return (await ctx.loaders.organization.load(organizationId))!;
}

/** The full document of an organization the caller may change (NOT_FOUND / FORBIDDEN otherwise). */
export async function writableOrganization(
  ctx: Context,
  id: string,
  field: string,
): Promise<OrganizationDoc> {
  await ctx.scope.requireWritableOrg(id, field);
  const org = await ctx.loaders.organization.load(id);
  if (!org) throw new NotFoundError('Organization', id, field);
  return org;
}

/** A union still in the tree (preparing or active): closed ones take no new records. */
export function requireOpen(org: Pick<OrganizationDoc, 'name' | 'status'>, field: string): void {
  if (!OPEN_STATUSES.includes(org.status)) {
    throw new BadUserInputError(text('notOpen', { name: org.name, status: org.status }), field);
  }
}

function requireName(name: string | null | undefined, field = 'name'): string | undefined {
  if (name === null || name === undefined) return undefined;
  const trimmed = name.trim();
  if (!trimmed) throw new BadUserInputError(text('nameBlank'), field);
  return trimmed;
}

/**
 * A subtree being moved is frozen until the move is done: a new node would get the old path, and
 * an edit would be undone by the move's staged copy of the node.
 */
export async function refuseDuringMove(ctx: Context, path: readonly string[]): Promise<void> {
  const open = await ctx.models.OrgMove.findOne({ openKey: OPEN_MOVE_KEY }, { organizationId: 1 }).lean();
  if (open && path.includes(open.organizationId)) {
    throw new ConflictError(text('treeBeingMoved'), {
      moveId: open._id,
    });
  }
}

export interface CreateOrganization {
  name: string;
  type: string;
  parentId?: string | null;
  divisionCode: string;
  status?: string | null;
  establishedAt?: Date | string | null;
  locality?: string | null;
  creditCode?: string | null;
  hostUnitId?: string | null;
  reportedMembers?: number | null;
  reportedFemaleMembers?: number | null;
  /** The client's idempotency key: a repeat returns the organization created first. */
  idempotencyKey?: string | null;
}

export async function createOrganization(
  ctx: Context,
  { idempotencyKey, ...input }: CreateOrganization,
): Promise<OrganizationDoc> {
  const { models, scope } = ctx;
  scope.requireWriter();
  const name = requireName(input.name)!;
  let parent: OrganizationDoc | null = null;
  if (input.parentId) {
    parent = await writableOrganization(ctx, input.parentId, 'parentId');
  } else {
    scope.requireRole('NATIONAL_ADMIN');
  }
  const level = checkPlacement(input.type, parent);
  if (!parent && (await models.Organization.exists({ parentId: null }))) {
    throw new ConflictError(text('nationalExists'), { field: 'type' });
  }
  checkDivision(input.divisionCode, 'divisionCode', { type: input.type, level });
  const status = input.status ?? 'ACTIVE';
  if (!OPEN_STATUSES.includes(status)) {
    throw new BadUserInputError(text('newStatus'), 'status');
  }
  if (input.creditCode) checkCreditCode(input.creditCode, 'creditCode', { union: true });
  checkCounts(input.reportedMembers, input.reportedFemaleMembers, [
    'reportedMembers',
    'reportedFemaleMembers',
  ]);
  const draft = { _id: newId(), type: input.type, status } as OrganizationDoc;
  let facts: UnionFacts = {};
  if (input.hostUnitId) {
    const unit = await ctx.loaders.hostUnit.load(input.hostUnitId);
    if (!(await scope.visible(unit, (u) => u.responsibleOrgId))) {
      throw new NotFoundError('HostUnit', input.hostUnitId, 'hostUnitId');
    }
    await checkCoverable(models, draft, input.hostUnitId, 'hostUnitId');
    // Announced with the union, so its first directory entry already carries them.
    facts = sharedFacts([unit!]);
  }
  if (parent) await refuseDuringMove(ctx, parent.path);

  const { doc: org, created } = await appendOnce<OrganizationDoc>(
    models.Organization,
    {
      name,
      type: input.type,
      level,
      status,
      parentId: parent?._id ?? null,
      // The schema appends the node's own id, chosen on insert.
      path: [...(parent?.path ?? [])],
      divisionCode: input.divisionCode,
      locality: input.locality?.trim() || null,
      creditCode: input.creditCode ?? null,
      establishedAt: input.establishedAt ?? (status === 'ACTIVE' ? today() : null),
      reportedMembers: input.reportedMembers ?? null,
      reportedFemaleMembers: input.reportedFemaleMembers ?? null,
      ...facts,
    } as Omit<OrganizationDoc, '_id'>,
    { callerId: ctx.caller.id, mutation: 'createOrganization', key: idempotencyKey, input },
  );
  // A repeat under the same key: the first request covered the unit and announced the union.
  if (!created) return org;
  if (input.hostUnitId) {
    try {
      await cover(models, org, input.hostUnitId);
    } catch (e) {
      // Lost a race for the unit after the checks: the new union was never announced, so remove it.
      await models.Organization.deleteOne({ _id: org._id });
      throw e;
    }
  }
  await publishOrgs(ctx.publish, [org], input.hostUnitId ? [hostUnitRef(input.hostUnitId)] : []);
  // The unit's own event carries its new coverer to the read models that place units in the tree.
  if (input.hostUnitId) await bumpHostUnit(ctx, input.hostUnitId);
  return org;
}

export interface UpdateOrganization {
  name?: string | null;
  divisionCode?: string | null;
  status?: string | null;
  establishedAt?: Date | string | null;
  locality?: string | null;
  creditCode?: string | null;
  reportedMembers?: number | null;
  reportedFemaleMembers?: number | null;
}

/**
 * Changes an organization through the kit's one update path: `decide` computes the `$set` from the
 * document as it is at the moment of writing (no other write to it in between), or throws to refuse.
 * The version goes up by exactly one per change, and the answer is the document as written.
 */
export async function saveChanges(
  ctx: Context,
  id: string,
  decide: (current: OrganizationDoc) => Record<string, unknown>,
  affects: readonly EntityRef[] = [],
): Promise<OrganizationDoc> {
  const updated = await modifyDocument(ctx.models.Organization, id, (current) => ({
    update: { $set: decide(current), $inc: { version: 1 } },
  }));
  if (!updated) throw new NotFoundError('Organization', id, 'id');
  ctx.loaders.organization.clear(id).prime(id, updated);
  await publishOrgs(ctx.publish, [updated], affects);
  return updated;
}

export async function updateOrganization(
  ctx: Context,
  id: string,
  input: UpdateOrganization,
): Promise<OrganizationDoc> {
  const org = await writableOrganization(ctx, id, 'id');
  requireOpen(org, 'id');
  await refuseDuringMove(ctx, org.path);
  const fixed: Record<string, unknown> = {};
  const name = requireName(input.name);
  if (name) fixed.name = name;
  if (input.divisionCode) {
    checkDivision(input.divisionCode, 'divisionCode', org);
    fixed.divisionCode = input.divisionCode;
  }
  if (input.creditCode) checkCreditCode(input.creditCode, 'creditCode', { union: true });
  // What depends on the organization's state is decided against the document being written.
  return saveChanges(ctx, id, (current) => {
    requireOpen(current, 'id');
    const set = { ...fixed };
    if (input.status && input.status !== current.status) {
      if (!(current.status === 'PREPARING' && input.status === 'ACTIVE')) {
        throw new BadUserInputError(text('statusChange'), 'status');
      }
      set.status = 'ACTIVE';
      set.establishedAt = input.establishedAt ?? current.establishedAt ?? today();
    }
    if (input.establishedAt) set.establishedAt = input.establishedAt;
    if (input.locality !== undefined) set.locality = input.locality?.trim() || null;
    if (input.creditCode) set.creditCode = input.creditCode;
    checkCounts(
      input.reportedMembers === undefined ? current.reportedMembers : input.reportedMembers,
      input.reportedFemaleMembers === undefined ? current.reportedFemaleMembers : input.reportedFemaleMembers,
      ['reportedMembers', 'reportedFemaleMembers'],
    );
    if (input.reportedMembers !== undefined) set.reportedMembers = input.reportedMembers;
    if (input.reportedFemaleMembers !== undefined) set.reportedFemaleMembers = input.reportedFemaleMembers;
    return set;
  });
}

/** Merging or dissolving closes a union: nothing open may remain below it. */
async function requireClosable(ctx: Context, org: OrganizationDoc): Promise<void> {
  requireOpen(org, 'id');
  await refuseDuringMove(ctx, org.path);
  if (!org.parentId) throw new BadUserInputError(text('nationalNotClosable'), 'id');
  const open = await ctx.models.Organization.countDocuments({
    parentId: org._id,
    status: { $in: OPEN_STATUSES },
  });
  if (open > 0) {
    throw new BadUserInputError(text('openChildren', { count: open }), 'id');
  }
}

export async function mergeOrganization(
  ctx: Context,
  id: string,
  intoId: string,
  mergedAt: Date | string,
): Promise<OrganizationDoc> {
  const org = await writableOrganization(ctx, id, 'id');
  const into = await writableOrganization(ctx, intoId, 'intoId');
  if (into._id === org._id || into.path.includes(org._id)) {
    throw new BadUserInputError(text('mergeIntoSubtree'), 'intoId');
  }
  requireOpen(into, 'intoId');
  const bothGrassroots =
    GRASSROOTS_UNION_TYPES.includes(org.type) && GRASSROOTS_UNION_TYPES.includes(into.type);
  if (org.type !== into.type && !bothGrassroots) {
    throw new BadUserInputError(text('mergeType', { type: org.type, intoType: into.type }), 'intoId');
  }
  await requireClosable(ctx, org);
  // Units first, status last: a re-run after a crash finds the union still open and finishes.
  const units = await transferCoverage(ctx.models, org, into);
  await refreshUnionFacts(ctx, [intoId]);
  return saveChanges(
    ctx,
    id,
    (current) => {
      requireOpen(current, 'id');
      return { status: 'MERGED', mergedIntoId: intoId, mergedAt };
    },
    [orgRef(intoId), ...units.map(hostUnitRef)],
  );
}

export async function dissolveOrganization(
  ctx: Context,
  id: string,
  dissolvedAt: Date | string,
): Promise<OrganizationDoc> {
  const org = await writableOrganization(ctx, id, 'id');
  await requireClosable(ctx, org);
  const units: string[] = await ctx.models.Coverage.distinct('unitId', { organizationId: id });
  // Whole coverage records go: deleting them is not an update another writer could lose.
  await ctx.models.Coverage.deleteMany({ organizationId: id });
  return saveChanges(
    ctx,
    id,
    (current) => {
      requireOpen(current, 'id');
      return { status: 'DISSOLVED', dissolvedAt };
    },
    units.map(hostUnitRef),
  );
}

/** Assessments and reviews come from above: a union's own staff do not grade it. */
export function requireUpperUnion(ctx: Context, org: OrganizationDoc): void {
  if (ctx.caller.orgId === org._id) throw new ForbiddenError(text('selfAssessment'));
}
