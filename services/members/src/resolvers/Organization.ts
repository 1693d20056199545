import { connectionFromArray } from '@union-graph/subgraph-kit';
import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { isMemberOnly } from '../domain/access';
import { disclosedList, disclosedUnionCount } from '../domain/disclosure';
import { attributeFilter } from '../domain/filters';

async function inScope(ctx: Context, orgId: string): Promise<boolean> {
  const org = await ctx.scope.orgs.load(orgId);
  return Boolean(org && ctx.scope.contains(org));
}

/**
 * Counts are aggregates, not personal data, and other subgraphs `@requires` them (joining rates,
 * R14), so they are given for any union — to an analyst under disclosure control (issue #19).
 * Batched: one aggregation per count asked for, whatever the number of unions.
 */
function count(loader: Parameters<typeof disclosedUnionCount>[2]) {
  return (org: { id: string }, _args: unknown, ctx: Context) => disclosedUnionCount(ctx, org.id, loader);
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
    const whole = () =>
      ctx.loaders.orgMembers.load({ ...key, filter: JSON.stringify(own) }).then((all) => all.length);
    return disclosedList(ctx, connectionFromArray(members, { first, after }), whole, {
      orgId: org.id,
      subtree: key.subtree,
    });
  },
};
