import { breakdownRequest, type StatisticsTable } from '@union-graph/subgraph-kit';
import type { QueryOrganizationBreakdownArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { OrganizationDimension } from '../statistics';

/**
 * `organizationBreakdown` (issue #19): active unions counted by dimensions from the statistics
 * read model over the caller's subtree (or a union of it asked for). Unions are public registry
 * data, so an analyst's counts stand; the members they sum are held to k (docs/statistics.md).
 */
export async function organizationBreakdown(
  ctx: Context,
  { groupBy, filter, top }: QueryOrganizationBreakdownArgs,
): Promise<StatisticsTable> {
  const { statistics, ...request } = await breakdownRequest<OrganizationDimension>(ctx, {
    groupBy,
    top,
    filter,
  });
  const where: Partial<Record<OrganizationDimension, readonly string[]>> = {};
  if (filter?.provinceCodes) where.PROVINCE = filter.provinceCodes;
  if (filter?.types) where.ORGANIZATION_TYPE = filter.types;
  return statistics.breakdown({ groupBy, where, top, ...request });
}
