import { breakdownRequest, type StatisticsTable } from '@union-graph/subgraph-kit';
import type { CadreBreakdownFilter, QueryCadreBreakdownArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { CadreDimension } from '../statistics';

/** The filter as codes per dimension, the way the read model matches them. */
function whereOf(filter: CadreBreakdownFilter | null | undefined): Partial<Record<CadreDimension, string[]>> {
  const where: Partial<Record<CadreDimension, string[]>> = {};
  if (filter?.provinceCodes) where.PROVINCE = filter.provinceCodes;
  if (filter?.positions) where.POSITION = filter.positions;
  if (filter?.fullTime != null) where.EMPLOYMENT = [filter.fullTime ? 'FULL_TIME' : 'PART_TIME'];
  return where;
}

/**
 * `cadreBreakdown` (issue #19): serving cadres counted by dimensions from the statistics read
 * model, with the rate of grassroots chairs trained in time (R6), over the subtree asked for or the
 * caller's own. Cadres are persons: an analyst reads cells under k withheld (docs/statistics.md).
 */
export async function cadreBreakdown(
  ctx: Context,
  { groupBy, filter, top }: QueryCadreBreakdownArgs,
): Promise<StatisticsTable> {
  const { statistics, ...request } = await breakdownRequest<CadreDimension>(ctx, { groupBy, top, filter });
  return statistics.breakdown({ ...request, groupBy, where: whereOf(filter), top });
}
