import { breakdownRequest, type StatisticsTable } from '@union-graph/subgraph-kit';
import type { QueryFundsBreakdownArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { FundsDimension } from '../statistics';

/**
 * `fundsBreakdown` (issue #19): the ledger's income and expenditure lines counted by dimensions
 * from the statistics read model over the caller's subtree (or a union of it asked for), with
 * their amounts in fen; an analyst reads no amount of fewer than k members' dues (docs/statistics.md).
 */
export async function fundsBreakdown(
  ctx: Context,
  { groupBy, filter, top }: QueryFundsBreakdownArgs,
): Promise<StatisticsTable> {
  const { statistics, ...request } = await breakdownRequest<FundsDimension>(ctx, { groupBy, top, filter });
  const where: Partial<Record<FundsDimension, readonly string[]>> = {};
  if (filter?.provinceCodes) where.PROVINCE = filter.provinceCodes;
  if (filter?.books) where.BOOK = filter.books;
  if (filter?.categories) where.CATEGORY = filter.categories;
  if (filter?.months) where.MONTH = filter.months;
  if (filter?.years) where.YEAR = filter.years.map(String);
  if (filter?.funderLevels) where.FUNDER_LEVEL = filter.funderLevels;
  return statistics.breakdown({ groupBy, where, top, ...request });
}
