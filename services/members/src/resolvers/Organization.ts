import { connectionFromArray } from '@union-graph/subgraph-kit';
import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { isMemberOnly } from '../domain/access';
import { attributeFilter } from '../domain/filters';

async function inScope(ctx: Context, orgId: string): Promise<boolean> {
  const org = await ctx.scope.orgs.load(orgId);
  return Boolean(org && ctx.scope.contains(org));
}

/**
 * Counts are aggregates, not personal data, and other subgraphs `@requires` them (joining rates,
 * R14), so they are given for any union. Batched: one aggregation per count asked for, whatever
 * the number of unions.
 */
function count(loader: 'memberCount' | 'femaleMemberCount' | 'migrantWorkerCount' | 'flexibleWorkerCount') {
  return (org: { id: string }, _args: unknown, ctx: Context) => ctx.loaders[loader].load(org.id);
}

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  memberCount: count('memberCount'),
  femaleMemberCount: count('femaleMemberCount'),
  migrantWorkerCount: count('migrantWorkerCount'),
  flexibleWorkerCount: count('flexibleWorkerCount'),
  members: async (org, { first, after, filter }, ctx) => {
    const own = isMemberOnly(ctx) ? { _id: ctx.caller.memberId ?? '\u0000none' } : {};
    const key = {
      orgId: org.id,
      subtree: Boolean(filter?.subtree),
      filter: JSON.stringify({ ...attributeFilter(filter), ...own }),
    };
    const members = (await inScope(ctx, org.id)) ? await ctx.loaders.orgMembers.load(key) : [];
    return connectionFromArray(members, { first, after });
  },
};
