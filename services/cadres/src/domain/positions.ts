import {
  addMonths,
  appendOnce,
  asDate,
  BadUserInputError,
  ConflictError,
  isDuplicateKey,
  type Language,
  modifyDocument,
  newId,
  type OrgRef,
} from '@union-graph/subgraph-kit';
import type { AppointCadreInput, EndCadreTermInput, Position } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { type TextKey, text } from '../messages';
import { type CadreDoc, type CadreSource, ENDED, type Models, SERVING, seatKeyOf } from '../models';
import { CADRE_RULES } from '../rules';
import { cadreEvents } from './events';
import { type Once, onceFor, replay } from './once';
import { LIVE_UNIONS, subtreeOrgs } from './subtree';
import type { VacancyRow } from './views';

export interface PositionSpec {
  _id?: string;
  organizationId: string;
  memberId: string;
  position: string;
  fullTime: boolean;
  source: CadreSource;
  termStart: Date;
  termEnd: Date | null;
  electionId?: string | null;
  contractWorkerId?: string | null;
}

type Term = Pick<CadreDoc, 'termStart' | 'termEnd'>;

const OPEN_END = 8.64e15;

/**
 * Terms are half-open [termStart, termEnd): a successor may take office on the day the
 * predecessor's term ends, never earlier.
 */
function overlaps(a: Term, b: Term): boolean {
  return (
    a.termStart.getTime() < (b.termEnd?.getTime() ?? OPEN_END) &&
    b.termStart.getTime() < (a.termEnd?.getTime() ?? OPEN_END)
  );
}

/**
 * Checks new positions against the unions' cadres and each other (one query), before anything is
 * written; `ending` names positions the same write ends first. Returns the serving chairs whose planned term is over by their successor's first day:
 * the write ends them, which frees the seat key.
 */
export async function planPositions(
  models: Models,
  specs: PositionSpec[],
  field: string,
  ending: readonly string[] = [],
): Promise<CadreDoc[]> {
  const orgIds = [...new Set(specs.map((s) => s.organizationId))];
  const existing = (await models.Cadre.find({ organizationId: { $in: orgIds } }).lean<CadreDoc[]>()).filter(
    (c) => !ending.includes(c._id),
  );
  const seen: (Term & Pick<CadreDoc, 'organizationId' | 'memberId' | 'position'> & { _id?: string })[] = [
    ...existing,
  ];
  const succeeded = new Map<string, CadreDoc>();
  for (const s of specs) {
    if (s.termEnd && s.termEnd.getTime() <= s.termStart.getTime()) {
      throw new BadUserInputError(text('notAfter', { field: 'termEnd', start: 'termStart' }), field);
    }
    for (const e of seen) {
      if (e.organizationId !== s.organizationId || !overlaps(e, s)) continue;
      if (e.memberId === s.memberId && e.position === s.position) {
        throw new ConflictError(text('holdsOverlapping', { memberId: s.memberId, position: s.position }), {
          field,
          cadreId: e._id ?? null,
        });
      }
      if (s.position === 'CHAIR' && e.position === 'CHAIR') {
        throw new ConflictError(text('anotherChair', { orgId: s.organizationId }), {
          field,
          cadreId: e._id ?? null,
        });
      }
    }
    if (s.position === 'CHAIR') {
      for (const e of existing) {
        const over = e.termEnd !== null && e.termEnd <= s.termStart;
        if (e.organizationId === s.organizationId && e.position === 'CHAIR' && e.status === SERVING && over) {
          succeeded.set(e._id, e);
        }
      }
    }
    seen.push(s);
  }
  return [...succeeded.values()];
}

/**
 * The reasons the system records itself when it ends a term: stored as codes, read as labels in the
 * caller's language. A reason a user typed is stored and read as written.
 */
const END_REASONS = {
  SUCCEEDED: 'endSucceeded',
  REASSIGNED: 'endReassigned',
  EXITED: 'endExited',
} as const satisfies Record<string, TextKey>;

export type EndReason = keyof typeof END_REASONS;

export function endReasonLabel(stored: string | null, language: Language | undefined): string | null {
  const key = stored !== null && Object.hasOwn(END_REASONS, stored) ? END_REASONS[stored as EndReason] : null;
  return key ? text(key).render(language) : stored;
}

/**
 * Ends a serving term: decided from the position as it is when the write runs (no other write to it
 * in between), so of concurrent ends exactly one succeeds and the version rises once. Null when it
 * had already ended.
 */
export async function endTerm(
  models: Models,
  cadre: CadreDoc,
  endedOn: Date,
  reason: string,
): Promise<CadreDoc | null> {
  let ended = false;
  const after = await modifyDocument(models.Cadre, cadre._id, (current) => {
    if (current.status !== SERVING) return null;
    ended = true;
    return {
      update: {
        $set: { status: ENDED, termEnd: endedOn, endReason: reason, seatKey: current._id },
        $inc: { version: 1 },
      },
      guard: { status: SERVING },
    };
  });
  return ended ? after : null;
}

/** The stored shape of a planned position, before its insert. */
function positionDoc(s: PositionSpec): CadreDoc {
  const doc = {
    electionId: null,
    contractWorkerId: null,
    endReason: null,
    ...s,
    _id: s._id ?? newId(),
    status: SERVING,
    version: 1,
  } as const;
  return { ...doc, seatKey: seatKeyOf(doc) };
}

/**
 * Writes planned positions: predecessors' terms end first, then one insert of all new rows. The
 * chair's seat key makes a concurrent second chair lose at the insert; what this call inserted is
 * then removed again, so a refused request leaves no position behind. With `once` (one position
 * under the client's idempotency key) a repeat returns the position appended first and publishes
 * it no more.
 */
export async function openPositions(
  ctx: Context,
  specs: PositionSpec[],
  succeeded: CadreDoc[],
  field: string,
  once?: Once,
): Promise<CadreDoc[]> {
  const { models } = ctx;
  const ended: CadreDoc[] = [];
  for (const p of succeeded) {
    const done = await endTerm(models, p, p.termEnd!, 'SUCCEEDED');
    if (done) ended.push(done);
  }
  const docs = specs.map(positionDoc);
  const race = { message: text('chairRace'), field };
  if (once) {
    const [{ _id, ...doc }] = docs as [CadreDoc];
    const appended = await appendOnce(models.Cadre, doc, { ...once, id: _id, conflict: race });
    await ctx.publish(cadreEvents(appended.created ? [...ended, appended.doc] : ended));
    return [appended.doc];
  }
  try {
    await models.Cadre.insertMany(docs, { ordered: true });
  } catch (e) {
    await models.Cadre.deleteMany({ _id: { $in: docs.map((d) => d._id) } });
    if (isDuplicateKey(e)) throw new ConflictError(race.message, { field });
    throw e;
  }
  await ctx.publish(cadreEvents([...ended, ...docs]));
  return docs;
}

/** A position the caller may change, named by the argument `cadreId`; else NOT_FOUND / FORBIDDEN. */
export async function writableCadre(ctx: Context, cadreId: string): Promise<{ doc: CadreDoc; org: OrgRef }> {
  return ctx.scope.requireWritable(await ctx.loaders.cadre.load(cadreId), 'Cadre', cadreId, 'cadreId');
}

export async function appointCadre(ctx: Context, input: AppointCadreInput): Promise<CadreDoc> {
  const once = onceFor(ctx, 'appointCadre', input);
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  const spec = {
    organizationId: org._id,
    memberId: input.memberId,
    position: input.position as Position,
    fullTime: input.fullTime ?? false,
    source: 'APPOINTED' as const,
    termStart: asDate(input.termStart),
    termEnd: input.termEnd ? asDate(input.termEnd) : null,
  };
  let succeeded: CadreDoc[];
  try {
    succeeded = await planPositions(ctx.models, [spec], 'termStart');
  } catch (refusal) {
    // A retry trips over the position it appended itself: answer with that position.
    if (!(refusal instanceof ConflictError)) throw refusal;
    return replay(ctx.models.Cadre, once, refusal);
  }
  const [cadre] = await openPositions(ctx, [spec], succeeded, 'termStart', once);
  return cadre!;
}

export async function endCadreTerm(ctx: Context, input: EndCadreTermInput): Promise<CadreDoc> {
  const { doc: cadre } = await writableCadre(ctx, input.cadreId);
  const endedOn = asDate(input.endedOn);
  if (endedOn <= cadre.termStart)
    throw new BadUserInputError(text('notAfter', { field: 'endedOn', start: 'termStart' }), 'endedOn');
  const reason = input.reason.trim();
  if (!reason) throw new BadUserInputError(text('empty', { field: 'reason' }), 'reason');
  const ended = await endTerm(ctx.models, cadre, endedOn, reason);
  if (!ended) throw new ConflictError(text('termEnded', { cadreId: cadre._id }), { field: 'cadreId' });
  await ctx.publish(cadreEvents([ended]));
  return ended;
}

/**
 * R17: unions in the subtree whose last chair left and nobody serves as of `asOf`. A union that never
 * recorded a chair is not listed: without a departure there is no date the three months run from.
 */
export async function chairVacancies(ctx: Context, rootId: string, asOf: Date): Promise<VacancyRow[]> {
  const orgs = await subtreeOrgs(ctx, rootId, LIVE_UNIONS);
  const chairs = await ctx.models.Cadre.find({
    position: 'CHAIR',
    organizationId: { $in: orgs.map((o) => o._id) },
  }).lean<CadreDoc[]>();
  const rows: VacancyRow[] = [];
  for (const org of orgs) {
    const own = chairs.filter((c) => c.organizationId === org._id && c.termStart <= asOf);
    if (own.some((c) => c.status === SERVING || (c.termEnd !== null && c.termEnd > asOf))) continue;
    const left = own.map((c) => c.termEnd).filter((d): d is Date => d !== null && d <= asOf);
    if (left.length === 0) continue;
    const since = new Date(Math.max(...left.map((d) => d.getTime())));
    const deadline = addMonths(since, CADRE_RULES.chairVacancyMonths);
    rows.push({ organizationId: org._id, since, deadline, overdue: asOf > deadline });
  }
  return rows.sort((a, b) => a.since.getTime() - b.since.getTime());
}
