import { addYears, type ConnectionArgs, connectionFromArray, today } from '@union-graph/subgraph-kit';
import type { OrganizationFilter } from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import { listOrganizations } from '../org-filter';

/** R10: active unions below the root with no review meeting since `since` (default: a year ago today). Two commands. */
export async function unreviewedOrganizations(
  ctx: Context,
  since: Date | null | undefined,
  filter: OrganizationFilter | null | undefined,
  page: ConnectionArgs,
) {
  const unions = await listOrganizations(ctx, filter, { status: 'ACTIVE', parentId: { $ne: null } });
  const reviewed = new Set(
    await ctx.models.AnnualReview.distinct('organizationId', {
      heldOn: { $gte: since ?? addYears(today(), -1) },
      organizationId: { $in: unions.map((u) => u._id) },
    }),
  );
  return connectionFromArray(
    unions.filter((u) => !reviewed.has(u._id)),
    page,
  );
}
