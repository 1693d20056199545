import { createHash } from 'node:crypto';
import {
  BadUserInputError,
  type ChangeEvent,
  ConflictError,
  isDuplicateKey,
  kitText,
  NotFoundError,
  type OrgRef,
} from '@union-graph/subgraph-kit';
import type { PostingInput } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type {
  Book,
  FundAccountDoc,
  FundAccountKind,
  PostingDoc,
  PostingKind,
  PostingLineDoc,
} from '../models';
import { requireBookkeeper } from './access';
import { categoryProblem, EARMARK_RECIPIENT_TYPES, earmarkHolderProblem } from './categories';
import { accountEvent } from './events';
import { periodOf, toDate } from './periods';

export interface LineDraft {
  organizationId: string;
  book: Book;
  category?: string | null;
  debit?: number | null;
  credit?: number | null;
  earmark?: string | null;
}

export interface PostingDraft {
  /** Already namespaced (see clientKey): one posting per key, ever. */
  idempotencyKey: string;
  kind: PostingKind;
  sourceKind?: PostingKind;
  bookOrgId: string;
  postedOn: Date;
  memo?: string | null;
  lines: LineDraft[];
  reversalOf?: string | null;
  keptBy?: string | null;
  allocation?: PostingDoc['allocation'];
  dues?: PostingDoc['dues'];
}

const KEY_PATTERN = /^[\w.:@/-]{1,200}$/;

/** A client's idempotency key, namespaced by the caller so two callers' keys never collide. */
export function clientKey(callerId: string, key: string): string {
  if (!KEY_PATTERN.test(key)) {
    throw new BadUserInputError(text('postingKeyFormat'), 'idempotencyKey');
  }
  return `client:${callerId}:${key}`;
}

/** The posting id a key maps to: deterministic, so the unique `_id` index enforces "once per key". */
export function postingIdFor(idempotencyKey: string): string {
  return createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 24);
}

/** The key of a posting's reversal: fixed, so a posting can be reversed once only. */
export const reversalKey = (postingId: string) => `reversal:${postingId}`;

function amountOf(value: number | null | undefined, field: string): number {
  if (value === null || value === undefined) return 0;
  if (!Number.isSafeInteger(value) || value <= 0) {
    throw new BadUserInputError(text('lineAmount'), field);
  }
  return value;
}

/**
 * Checks a draft's lines on their own: whole positive fen, one side per line, categories that fit
 * the book, earmarks only on FUNDS, and debits equal to credits for every union in the posting
 * (so each union's books balance, not only the posting as a whole).
 */
export function validateLines(lines: readonly LineDraft[], period: string): PostingLineDoc[] {
  if (lines.length < 2) throw new BadUserInputError(text('twoLines'), 'lines');
  const perOrg = new Map<string, bigint>();
  const docs = lines.map((l, i) => {
    const field = `lines.${i}`;
    const debit = amountOf(l.debit, `${field}.debit`);
    const credit = amountOf(l.credit, `${field}.credit`);
    if (debit > 0 === credit > 0) {
      throw new BadUserInputError(text('oneSide'), field);
    }
    const problem = categoryProblem(l.book, l.category);
    if (problem) throw new BadUserInputError(problem, `${field}.category`);
    if (l.earmark && l.book !== 'FUNDS') {
      throw new BadUserInputError(text('earmarkOnFundsOnly'), `${field}.earmark`);
    }
    const net = debit - credit;
    perOrg.set(l.organizationId, (perOrg.get(l.organizationId) ?? 0n) + BigInt(net));
    return {
      organizationId: l.organizationId,
      book: l.book,
      category: l.category ?? null,
      debit,
      credit,
      net,
      earmark: l.earmark ?? null,
      orgPeriod: `${l.organizationId}|${period}`,
    };
  });
  for (const [org, diff] of perOrg) {
    if (diff !== 0n) {
      throw new BadUserInputError(text('unbalanced', { org, diff: diff.toString() }), 'lines', {
        organizationId: org,
      });
    }
  }
  const total = docs.reduce((a, l) => a + BigInt(l.debit), 0n);
  if (total > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new BadUserInputError(text('postingTooLarge'), 'lines');
  }
  return docs;
}

/**
 * R9: earmarked money sits only with township/street unions, and leaves them only as their own
 * spending (never passed on). Reversals mirror a posting that already passed, so they are exempt.
 */
function checkEarmarks(lines: readonly PostingLineDoc[], orgs: ReadonlyMap<string, OrgRef>): void {
  lines.forEach((l, i) => {
    if (!l.earmark) return;
    const allowed = EARMARK_RECIPIENT_TYPES[l.earmark];
    const org = orgs.get(l.organizationId)!;
    if (!allowed?.has(org.type)) {
      throw new BadUserInputError(earmarkHolderProblem(l.earmark, org), `lines.${i}.earmark`);
    }
    if (l.credit > 0) {
      const passedOn = lines.some(
        (o) =>
          o.organizationId === l.organizationId &&
          o.debit > 0 &&
          (o.book !== 'EXPENSE' || o.category === 'SUBSIDY_TO_LOWER'),
      );
      if (passedOn) {
        throw new BadUserInputError(text('earmarkPassedOn'), `lines.${i}.earmark`);
      }
    }
  });
}

function contentHash(draft: PostingDraft, lines: readonly PostingLineDoc[]): string {
  const content = {
    kind: draft.kind,
    postedOn: draft.postedOn.toISOString(),
    memo: draft.memo ?? null,
    lines: lines.map(({ organizationId, book, category, debit, credit, earmark }) => [
      organizationId,
      book,
      category,
      debit,
      credit,
      earmark,
    ]),
    reversalOf: draft.reversalOf ?? null,
    allocation: draft.allocation ?? null,
    dues: draft.dues ? { ...draft.dues, paidAt: new Date(draft.dues.paidAt).toISOString() } : null,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function replayOf(existing: PostingDoc, hash: string): PostingDoc {
  if (existing.contentHash !== hash) {
    throw new ConflictError(kitText('idempotencyKeyReused'), {
      field: 'idempotencyKey',
      postingId: existing._id,
    });
  }
  return existing;
}

/**
 * The document a draft makes: lines validated, content hashed, `_id` from the key. Pure, so loaders
 * that write through the models (the demo seed) build postings exactly as `post` does.
 */
export function postingDocument(draft: PostingDraft, enteredBy: string): Omit<PostingDoc, 'createdAt'> {
  const period = periodOf(draft.postedOn);
  const lines = validateLines(draft.lines, period);
  const rightsFundOrgIds = rightsFundHolders(lines);
  return {
    _id: postingIdFor(draft.idempotencyKey),
    idempotencyKey: draft.idempotencyKey,
    contentHash: contentHash(draft, lines),
    kind: draft.kind,
    sourceKind: draft.sourceKind ?? draft.kind,
    bookOrgId: draft.bookOrgId,
    postedOn: draft.postedOn,
    period,
    memo: draft.memo ?? null,
    lines,
    orgIds: [...new Set(lines.map((l) => l.organizationId))],
    ...(rightsFundOrgIds.length > 0 && { rightsFundOrgIds }),
    total: lines.reduce((a, l) => a + l.debit, 0),
    reversalOf: draft.reversalOf ?? null,
    keptBy: draft.keptBy ?? null,
    enteredBy,
    allocation: draft.allocation ?? null,
    dues: draft.dues ?? null,
    memberId: draft.dues?.memberId ?? null,
  };
}

/**
 * Writes a posting once. Everything is validated before the single insert; a replay (the same
 * key) returns the original when the content matches and is a CONFLICT otherwise. Authorization
 * is the caller's job (see access.ts): this checks the ledger's own rules.
 */
export async function post(
  ctx: Context,
  draft: PostingDraft,
): Promise<{ posting: PostingDoc; replayed: boolean }> {
  const { models, loaders, scope } = ctx;
  const doc = postingDocument(draft, ctx.caller.id);
  const { _id, lines, orgIds, period, contentHash: hash } = doc;

  const earlier = await loaders.posting.load(_id);
  if (earlier) return { posting: replayOf(earlier, hash), replayed: true };

  const refs = await scope.orgs.loadMany(orgIds);
  const orgs = new Map<string, OrgRef>();
  refs.forEach((r, i) => {
    if (!r || r instanceof Error) {
      const at = lines.findIndex((l) => l.organizationId === orgIds[i]);
      throw new NotFoundError('Organization', orgIds[i]!, `lines.${at}.organizationId`);
    }
    orgs.set(r._id, r);
  });
  if (draft.kind !== 'REVERSAL') checkEarmarks(lines, orgs);
  const closed = await loaders.closedThrough.loadMany(orgIds);
  closed.forEach((c, i) => {
    if (c && !(c instanceof Error) && c.period >= period) {
      throw new BadUserInputError(
        text('booksClosed', { org: orgs.get(orgIds[i]!)!.name, period: c.period }),
        'postedOn',
        { closedThrough: c.period },
      );
    }
  });

  await openAccounts(ctx, orgIds);
  await openRightsAccounts(ctx, doc.rightsFundOrgIds ?? []);
  try {
    const created = (await models.Posting.create(doc)).toObject() as PostingDoc;
    await publishPosted(ctx, created);
    return { posting: created, replayed: false };
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // A concurrent request with the same key won the insert.
    const winner = await models.Posting.findById(_id).lean<PostingDoc>();
    if (!winner) throw e;
    return { posting: replayOf(winner, hash), replayed: true };
  }
}

/**
 * Tells the gateway's entity cache what changed: the posting, and every account whose balance it
 * moved (accounts have no stored version, so the time of the posting orders their events).
 */
async function publishPosted(ctx: Context, p: PostingDoc): Promise<void> {
  await ctx.publish(await postedEvents(ctx, p));
}

/** The posting and every account it moved, the rights-protection funds among them. */
export async function postedEvents(ctx: Context, p: PostingDoc): Promise<ChangeEvent[]> {
  const [accounts, rights] = await Promise.all([
    ctx.loaders.accountByOrganization.loadMany(p.orgIds),
    ctx.loaders.rightsAccountByOrganization.loadMany(p.rightsFundOrgIds ?? []),
  ]);
  const version = new Date(p.createdAt).getTime();
  return [
    { type: 'Posting', id: p._id, op: 'upsert', version: 1 },
    ...[...accounts, ...rights].flatMap((a) =>
      a && !(a instanceof Error) ? [accountEvent(a, version)] : [],
    ),
  ];
}

/** Unions whose cadre rights-protection fund the lines move. */
function rightsFundHolders(lines: readonly PostingLineDoc[]): string[] {
  return [...new Set(lines.filter((l) => l.earmark === 'CADRE_RIGHTS').map((l) => l.organizationId))];
}

type AccountLoader = Context['loaders']['accountByOrganization'];

/** Opens the accounts of a kind that are missing (idempotent: the unique organizationId decides). */
async function openMissing(
  model: Context['models']['FundAccount'],
  loader: AccountLoader,
  orgIds: readonly string[],
  kind: FundAccountKind,
): Promise<void> {
  const existing = await loader.loadMany(orgIds);
  const missing = orgIds.filter((_, i) => !existing[i] || existing[i] instanceof Error);
  if (missing.length === 0) return;
  try {
    await model.insertMany(
      missing.map((organizationId) => ({ organizationId, kind })),
      { ordered: false },
    );
  } catch (e) {
    // Another request opened some of them first: only those refusals are harmless.
    const errors = (e as { writeErrors?: { code?: number; err?: unknown }[] }).writeErrors;
    const benign = !!errors?.length && errors.every((w) => [w, w.err].some((x) => isDuplicateKey(x)));
    if (!benign && !isDuplicateKey(e)) throw e;
  }
  // The loader's inner batch still holds "none" for these unions: prime it with what now exists.
  const opened = await model.find({ organizationId: { $in: missing } }).lean<FundAccountDoc[]>();
  for (const a of opened) loader.clear(a.organizationId).prime(a.organizationId, a);
}

/** Opens the accounts a posting touches. */
export function openAccounts(ctx: Context, orgIds: readonly string[]): Promise<void> {
  return openMissing(ctx.models.FundAccount, ctx.loaders.accountByOrganization, orgIds, 'GENERAL');
}

/**
 * Opens cadre rights-protection fund accounts on demand, at the first posting that moves one (or
 * on request): funds learns of federations only from the org directory it reads, and an account
 * with no postings would only say 0, which an unopened one says as well.
 */
function openRightsAccounts(ctx: Context, orgIds: readonly string[]): Promise<void> {
  return openMissing(
    ctx.models.RightsFundAccount,
    ctx.loaders.rightsAccountByOrganization,
    orgIds,
    'CADRE_RIGHTS',
  );
}

/** Opens a union's account on request (idempotent); postings open the accounts they touch anyway. */
export async function openAccount(
  ctx: Context,
  organizationId: string,
  kind: FundAccountKind = 'GENERAL',
): Promise<FundAccountDoc> {
  const { org } = await requireBookkeeper(ctx, organizationId);
  if (kind === 'GENERAL') {
    await openAccounts(ctx, [organizationId]);
    return (await ctx.loaders.accountByOrganization.load(organizationId))!;
  }
  if (!EARMARK_RECIPIENT_TYPES.CADRE_RIGHTS!.has(org.type)) {
    throw new BadUserInputError(earmarkHolderProblem('CADRE_RIGHTS', org), 'kind');
  }
  await openRightsAccounts(ctx, [organizationId]);
  return (await ctx.loaders.rightsAccountByOrganization.load(organizationId))!;
}

/** A client's general journal entry, booked in the books of the first union it names. */
export async function postGeneralEntry(ctx: Context, input: PostingInput): Promise<PostingDoc> {
  const orgIds = [...new Set(input.lines.map((l) => l.organizationId))];
  // A general entry may touch several unions' books: the caller must keep every one of them.
  let keptBy: string | null = null;
  for (const id of orgIds) {
    const at = input.lines.findIndex((l) => l.organizationId === id);
    keptBy ??= (await requireBookkeeper(ctx, id, `lines.${at}.organizationId`)).keptBy;
  }
  const { posting } = await post(ctx, {
    idempotencyKey: clientKey(ctx.caller.id, input.idempotencyKey),
    kind: 'GENERAL',
    bookOrgId: orgIds[0] ?? '',
    postedOn: toDate(input.postedOn),
    memo: input.memo ?? null,
    lines: input.lines,
    keptBy,
  });
  return posting;
}
