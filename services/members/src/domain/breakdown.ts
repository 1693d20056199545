import { BadUserInputError, minimumCountFor, type StatisticsTable } from '@union-graph/subgraph-kit';
import type { MemberBreakdownFilter, QueryMemberBreakdownArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { MemberDimension } from '../statistics';
import { treeWithholds } from './tree-disclosure';

/** More dimensions make cells too small to show an analyst anything but suppressions. */
const MAX_DIMENSIONS = 3;

/** The filter as codes per dimension, the way the read model matches them. */
function whereOf(
  filter: MemberBreakdownFilter | null | undefined,
): Partial<Record<MemberDimension, string[]>> {
  const where: Partial<Record<MemberDimension, string[]>> = {};
  if (filter?.provinceCodes) where.PROVINCE = filter.provinceCodes;
  if (filter?.status) where.STATUS = filter.status;
  if (filter?.gender) where.GENDER = [filter.gender];
  if (filter?.migrantWorker != null) where.MIGRANT_WORKER = [String(filter.migrantWorker)];
  if (filter?.joinYears) where.JOIN_YEAR = filter.joinYears.map(String);
  if (filter?.industrySections) where.INDUSTRY_SECTION = filter.industrySections;
  if (filter?.industryDivisions) where.INDUSTRY_DIVISION = filter.industryDivisions;
  if (filter?.ownerships) where.OWNERSHIP = filter.ownerships;
  if (filter?.unitSizes) where.UNIT_SIZE = filter.unitSizes;
  if (filter?.duesStatuses) where.DUES_STATUS = filter.duesStatuses;
  return where;
}

/**
 * `memberBreakdown` (issue #19): members counted by dimensions from the statistics read model,
 * over the subtree of the union asked for or else the caller's own (the country for nationwide
 * callers). An analyst reads it under disclosure control: cells under k persons, and those that
 * would give one away, are withheld (docs/statistics.md).
 */
export async function memberBreakdown(
  ctx: Context,
  { groupBy, filter, top }: QueryMemberBreakdownArgs,
): Promise<StatisticsTable> {
  ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
  if (groupBy.length === 0 || groupBy.length > MAX_DIMENSIONS || new Set(groupBy).size !== groupBy.length)
    throw new BadUserInputError(text('breakdownDimensions', { max: MAX_DIMENSIONS }), 'groupBy');
  if (top != null && top < 1) throw new BadUserInputError(text('breakdownTop'), 'top');
  const root = filter?.organizationId
    ? (await ctx.scope.requireOrg(filter.organizationId, 'filter.organizationId'))._id
    : ctx.scope.isNationwide
      ? null
      : // A caller acting for no union who is not nationwide counts nobody.
        (ctx.caller.orgId ?? '\u0000none');
  const statistics = ctx.statistics;
  if (!statistics) throw new Error('members: the statistics read model is not running');
  return statistics.breakdown({
    groupBy,
    where: whereOf(filter),
    root,
    top,
    k: minimumCountFor(ctx.caller),
    // Its total is the subtree's count: withheld by the tree, the table goes whole, whatever its filter.
    withhold: await treeWithholds(ctx, root, true),
    language: ctx.caller.language,
  });
}
