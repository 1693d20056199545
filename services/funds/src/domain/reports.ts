import {
  BadUserInputError,
  breakdownRequest,
  type OrgRef,
  orgDirectoryModel,
  paginate,
  type StatisticsRow,
} from '@union-graph/subgraph-kit';
import type { FundFlowGrouping } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { FundRules } from '../rules';
import type { FundsMeasure, StatisticsDimension } from '../statistics';
import { ALLOCATION_STATES, tierOf } from './allocation';
import { termStart } from './governance';
import { shareInBasisPoints } from './money';
import { monthsBetween, periodCondition } from './periods';
import { FUNDING_KINDS } from './subsidies';
import type { AllocationRow } from './views';

/** Sums of line `net` grouped by `key`, within the caller's subtree (nationwide for analysts). */
async function sumsBy(
  ctx: Context,
  match: Record<string, unknown>,
  lineMatch: Record<string, unknown>,
  key: string,
) {
  const rows = await ctx.models.Posting.aggregate<{ _id: string | null; v: number }>([
    { $match: { ...match, ...(await ctx.scope.orgFilter('orgIds')) } },
    { $unwind: '$lines' },
    { $match: { ...lineMatch, ...(await ctx.scope.orgFilter('lines.organizationId')) } },
    { $group: { _id: `$${key}`, v: { $sum: '$lines.net' } } },
  ]);
  return rows;
}

function requireRange(from: string, to: string) {
  const period = periodCondition({ from, to })!;
  const months =
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));
  if (months >= 120) throw new BadUserInputError(text('rangeTooLong'), 'to');
  return period;
}

/** Income and spending grouped by province, level or period: two aggregations, whatever the range. */
export async function fundFlows(ctx: Context, groupBy: FundFlowGrouping, from: string, to: string) {
  const period = requireRange(from, to);
  const [income, spending] = await Promise.all(
    (['INCOME', 'EXPENSE'] as const).map((book) =>
      sumsBy(ctx, { period }, { 'lines.book': book }, 'lines.orgPeriod'),
    ),
  );
  const orgIds = [...new Set([...income!, ...spending!].map((r) => String(r._id).split('|')[0]!))];
  const refs = await ctx.scope.orgs.loadMany(orgIds);
  const orgs = new Map(
    refs.filter((r): r is OrgRef => !!r && !(r instanceof Error)).map((o) => [o._id, o] as const),
  );
  const keyOf = (orgPeriod: string) => {
    const [orgId, p] = orgPeriod.split('|') as [string, string];
    if (groupBy === 'PERIOD') return p;
    const org = orgs.get(orgId);
    if (!org) return 'UNKNOWN';
    return groupBy === 'LEVEL' ? tierOf(org) : `${org.divisionCode.slice(0, 2)}0000`;
  };
  const flows = new Map<string, { key: string; income: number; spending: number }>();
  const add = (rows: typeof income, field: 'income' | 'spending', sign: number) => {
    for (const r of rows!) {
      const key = keyOf(String(r._id));
      const flow = flows.get(key) ?? { key, income: 0, spending: 0 };
      flow[field] += sign * r.v;
      flows.set(key, flow);
    }
  };
  add(income, 'income', -1);
  add(spending, 'spending', 1);
  return [...flows.values()].sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * R13: payroll allocations due and received per receiving union (reversals carry negated
 * amounts), answered by the statistics read model — the figures fundsBreakdown sums by region,
 * level and month (ALLOCATION_*_FEN_SUM), here per union, so each is computed one way. Amounts of
 * unions: no k, whoever asks.
 */
export async function allocationCompliance(ctx: Context, from: string, to: string): Promise<AllocationRow[]> {
  requireRange(from, to);
  const groupBy = ['RECEIVING_UNION'] as const;
  const { statistics, root } = await breakdownRequest<StatisticsDimension>(ctx, { groupBy });
  const table = await statistics.breakdown({
    groupBy,
    where: { MONTH: monthsBetween(from, to), ALLOCATION_STATE: ALLOCATION_STATES },
    root,
    k: null,
  });
  const sum = (row: StatisticsRow, measure: FundsMeasure) =>
    row.measures.find((m) => m.measure === measure)?.value ?? 0;
  return (
    table.rows
      // The other levels' shares of a receipt: lines of no receiving union.
      .filter((r) => r.values[0]!.code !== 'unknown')
      .map((r) => ({
        organizationId: r.values[0]!.code,
        due: sum(r, 'ALLOCATION_DUE_FEN_SUM'),
        received: sum(r, 'ALLOCATION_RECEIVED_FEN_SUM'),
        shortfall: sum(r, 'ALLOCATION_SHORTFALL_FEN_SUM'),
      }))
      .sort((a, b) => b.shortfall - a.shortfall || a.organizationId.localeCompare(b.organizationId))
  );
}

/**
 * R9 reported: the national federation's subsidies in a year and the township earmark among them.
 * Its subsidy figures are deprecated for fundsBreakdown's TOWNSHIP_EARMARK_RATE (which reads the
 * same postings, FUNDING_KINDS, from the read model); the rule check and the money still held stay.
 */
export async function earmarkCompliance(ctx: Context, year: number, rules: FundRules) {
  ctx.scope.requireRole('NATIONAL_ADMIN', 'ANALYST');
  const national = await orgDirectoryModel(ctx.models.Posting.db)
    .findOne({ type: 'NATIONAL_FEDERATION' }, { _id: 1 })
    .lean<{ _id: string }>();
  const period = { $gte: `${year}-01`, $lte: `${year}-12` };
  const grants = national
    ? await ctx.models.Posting.aggregate<{ _id: string | null; v: number }>([
        { $match: { period, orgIds: national._id, sourceKind: { $in: FUNDING_KINDS } } },
        { $unwind: '$lines' },
        { $match: { 'lines.book': 'FUNDS', 'lines.organizationId': { $ne: national._id } } },
        { $group: { _id: '$lines.earmark', v: { $sum: '$lines.net' } } },
      ])
    : [];
  const subsidyTotal = grants.reduce((a, g) => a + g.v, 0);
  const earmarked = grants.find((g) => g._id === 'TOWNSHIP')?.v ?? 0;
  const held = await ctx.models.Posting.aggregate<{ _id: null; v: number }>([
    { $unwind: '$lines' },
    { $match: { 'lines.earmark': 'TOWNSHIP' } },
    { $group: { _id: null, v: { $sum: '$lines.net' } } },
  ]);
  const earmarkedBp = shareInBasisPoints(earmarked, subsidyTotal);
  return {
    year,
    subsidyTotal,
    earmarked,
    earmarkedBp,
    requiredBp: rules.nationalEarmarkMinBp,
    compliant: subsidyTotal === 0 || earmarkedBp >= rules.nationalEarmarkMinBp,
    earmarkedHeld: held[0]?.v ?? 0,
  };
}

/** Unions in scope (of a type) with no funds audit since their term began. */
export async function unaudited(
  ctx: Context,
  args: { type?: string | null; termYears: number; first?: number | null; after?: string | null },
) {
  const since = termStart(args.termYears);
  const audited = await ctx.models.FundsAudit.distinct('organizationId', { conductedOn: { $gte: since } });
  const directory = orgDirectoryModel(ctx.models.Posting.db);
  const filter = {
    $and: [
      await ctx.scope.orgFilter('_id'),
      { _id: { $nin: audited }, status: 'ACTIVE', ...(args.type ? { type: args.type } : {}) },
    ],
  };
  return paginate(directory, filter, args, { _id: 1 });
}
