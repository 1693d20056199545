import { type ConnectionArgs, connectionFromArray } from '@union-graph/subgraph-kit';
import type { OrganizationFilter } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { organizationConditions } from '../domain/org-filter';
import type { OrganizationDoc } from '../models';

function oneYearAgo(): Date {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 1);
  return d;
}

/** R10: active unions below the root with no review meeting since `since`. Two commands. */
export async function unreviewedOrganizations(
  ctx: Context,
  since: Date | null | undefined,
  filter: OrganizationFilter | null | undefined,
  page: ConnectionArgs,
) {
  const unions = await ctx.models.Organization.find(
    organizationConditions(ctx.scope, filter, { status: 'ACTIVE', parentId: { $ne: null } }),
  )
    .sort({ divisionCode: 1, name: 1, _id: 1 })
    .lean<OrganizationDoc[]>();
  const reviewed = new Set(
    await ctx.models.AnnualReview.distinct('organizationId', {
      heldOn: { $gte: since ?? oneYearAgo() },
      organizationId: { $in: unions.map((u) => u._id) },
    }),
  );
  return connectionFromArray(
    unions.filter((u) => !reviewed.has(u._id)),
    page,
  );
}
