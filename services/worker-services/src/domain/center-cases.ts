import {
  BadUserInputError,
  type ConnectionArgs,
  disclosedConnection,
  disclosedCount,
  memberRef,
  minimumCountFor,
  updateDocument,
  withheldCells,
} from '@union-graph/subgraph-kit';
import type { AssistanceCaseFilter } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import { type AssistanceCaseDoc, type AssistanceCenterDoc, HARDSHIP_LEVELS } from '../models';
import { type AssistanceStatus, assistanceFlow, caseState } from './assistance';
import { type Caseload, centerRefs, receivingCenter } from './centers';
import { flowPageIn } from './lists';
import { changeEvent, replay } from './workflow';

const FINISHED: AssistanceStatus[] = ['CLOSED', 'REJECTED'];

/**
 * Counts a center's cases by their replayed status: two batched reads for any number of centers
 * (the cases of every center asked for, then their steps).
 */
export async function centerCaseload(ctx: Context, center: AssistanceCenterDoc): Promise<Caseload> {
  const cases = await ctx.loaders.casesByCenter.load(center._id);
  const steps = await ctx.loaders.steps.loadMany(cases.map((c) => c._id));
  const byLevel = HARDSHIP_LEVELS.map((level) => ({ level, open: 0, closed: 0 }));
  const load: Counted = { open: 0, closed: 0, rejected: 0, byLevel };
  cases.forEach((c, i) => {
    const own = steps[i];
    if (own instanceof Error) throw own;
    const { status } = replay(assistanceFlow, own ?? []);
    const row = byLevel.find((r) => r.level === c.level)!;
    if (status === 'REJECTED') {
      load.rejected += 1;
      return;
    }
    const column = status === 'CLOSED' ? 'closed' : 'open';
    load[column] += 1;
    row[column] += 1;
  });
  return disclosedCaseload(load, minimumCountFor(ctx.caller));
}

/** A caseload as counted, before disclosure control. */
interface Counted {
  open: number;
  closed: number;
  rejected: number;
  byLevel: { level: (typeof HARDSHIP_LEVELS)[number]; open: number; closed: number }[];
}

const COLUMNS = ['open', 'closed'] as const;

/**
 * Issue #19: each case is a household in hardship, so an analyst reads a caseload as a statistics
 * table — open, closed and rejected as one line (the center's case list tells their sum), levels ×
 * open/closed as another table — with the kit's primary and complementary suppression; every
 * count about anybody withheld when the center's cases are under k.
 */
function disclosedCaseload(load: Counted, k: number | null): Caseload {
  if (k === null) return load;
  const under = disclosedCount(load.open + load.closed + load.rejected, k) === null;
  const withheld = (cells: { codes: string[]; count: number }[]) =>
    withheldCells(cells, k, { tooFew: under });
  const totals = (['open', 'closed', 'rejected'] as const).map((f) => ({ codes: [f], count: load[f] }));
  const cells = load.byLevel.flatMap((r) => COLUMNS.map((f) => ({ codes: [r.level, f], count: r[f] })));
  const [hiddenTotals, hiddenCells] = [withheld(totals), withheld(cells)];
  const shown = (hidden: Set<number>, i: number, n: number) => (hidden.has(i) ? null : n);
  return {
    open: shown(hiddenTotals, 0, load.open),
    closed: shown(hiddenTotals, 1, load.closed),
    rejected: shown(hiddenTotals, 2, load.rejected),
    byLevel: load.byLevel.map((r, row) => ({
      level: r.level,
      open: shown(hiddenCells, row * 2, r.open),
      closed: shown(hiddenCells, row * 2 + 1, r.closed),
    })),
  };
}

/**
 * A page of the hardship cases of a subtree, for administrators and analysts (cases are personal
 * data): the same filter as the alert and dispute lists, plus level and receiving center.
 */
export async function casePage(
  ctx: Context,
  organizationId: string,
  filter: AssistanceCaseFilter | null | undefined,
  args: ConnectionArgs,
) {
  ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
  const own = [
    filter?.level ? { level: filter.level } : {},
    filter?.centerId ? { centerId: filter.centerId } : {},
  ];
  const list = { model: ctx.models.AssistanceCase, flow: assistanceFlow, dateField: 'createdAt' };
  // Each case is a worker in hardship: held to k for an analyst, page and count together (issue #19).
  return disclosedConnection(ctx.caller, await flowPageIn(ctx, list, organizationId, filter, args, own));
}

/**
 * Moves a case to the center that handles it (§13): the case's own union or one above may route it
 * to a center of that union or of one above, within the caller's subtree. The one field a case ever
 * changes, through the kit's `updateDocument`; a finished case stays where it was closed.
 */
export async function routeAssistanceCase(
  ctx: Context,
  id: string,
  centerId: string,
): Promise<AssistanceCaseDoc> {
  const { doc: c } = await ctx.scope.requireWritable(
    await ctx.loaders.assistanceCase.load(id),
    'AssistanceCase',
    id,
  );
  const center = await receivingCenter(ctx, c.organizationId, centerId);
  if (c.centerId === center._id) return c;
  const { status } = await caseState(ctx, c);
  if (FINISHED.includes(status))
    throw new BadUserInputError(text(status === 'CLOSED' ? 'caseClosed' : 'caseRejected'), 'id', { status });
  // Cases are never deleted: the update finds it.
  const moved = (await updateDocument(ctx.models.AssistanceCase, c._id, {
    $set: { centerId: center._id, centerOrganizationId: center.organizationId },
  }))!;
  ctx.loaders.assistanceCase.clear(id).prime(id, moved);
  await ctx.publish([
    changeEvent('AssistanceCase', c._id, [memberRef(c.memberId), ...centerRefs(c), ...centerRefs(moved)]),
  ]);
  return moved;
}
