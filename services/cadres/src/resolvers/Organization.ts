import { connectionFromArray } from '@union-graph/subgraph-kit';
import type { MemberResolvers, OrganizationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { visibleByOrg } from '../domain/subtree';

/** Serving cadres of a union the caller may see (an entity reference is not proof of scope). */
async function serving(ctx: Context, organizationId: string) {
  if (!(await visibleByOrg(ctx, { organizationId }))) return [];
  return ctx.loaders.servingByOrganization.load(organizationId);
}

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  chair: async (o, _a, ctx) => (await serving(ctx, o.id)).find((c) => c.position === 'CHAIR') ?? null,
  viceChairs: async (o, _a, ctx) => (await serving(ctx, o.id)).filter((c) => c.position === 'VICE_CHAIR'),
  cadres: async (o, { first, after }, ctx) => connectionFromArray(await serving(ctx, o.id), { first, after }),
  fullTimeStaffCount: async (o, _a, ctx) =>
    (await visibleByOrg(ctx, { organizationId: o.id })) ? ctx.loaders.fullTimeStaffCount.load(o.id) : 0,
  hasElectedChair: async (o, _a, ctx) =>
    (await serving(ctx, o.id)).some((c) => c.position === 'CHAIR' && c.electionId !== null),
};

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  positions: async (m, _a, ctx) => {
    const all = await ctx.loaders.positionsByMember.load(m.id);
    const visible = await Promise.all(all.map((c) => visibleByOrg(ctx, c)));
    return visible.filter((c) => c !== null);
  },
};
