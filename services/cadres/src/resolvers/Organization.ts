import { connectionFromArray } from '@union-graph/subgraph-kit';
import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { orgIdOf } from '../domain/refs';
import { judgeStaffing } from '../domain/staffing';

/** An entity reference is not proof of scope: a union outside it shows no cadres. */
const inScope = async (ctx: Context, organizationId: string) =>
  (await ctx.scope.visible({ organizationId }, orgIdOf)) !== null;

async function serving(ctx: Context, organizationId: string) {
  if (!(await inScope(ctx, organizationId))) return [];
  return ctx.loaders.servingByOrganization.load(organizationId);
}

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  chair: async (o, _a, ctx) => (await serving(ctx, o.id)).find((c) => c.position === 'CHAIR') ?? null,
  viceChairs: async (o, _a, ctx) => (await serving(ctx, o.id)).filter((c) => c.position === 'VICE_CHAIR'),
  cadres: async (o, { first, after }, ctx) => connectionFromArray(await serving(ctx, o.id), { first, after }),
  fullTimeStaffCount: async (o, _a, ctx) =>
    (await inScope(ctx, o.id)) ? ctx.loaders.fullTimeStaffCount.load(o.id) : 0,
  staffing: async (o, _a, ctx) => {
    const org = await ctx.scope.orgs.load(o.id);
    if (!org || !ctx.scope.contains(org)) return null;
    return judgeStaffing(org, await ctx.loaders.servingByOrganization.load(o.id));
  },
  hasElectedChair: async (o, _a, ctx) =>
    (await serving(ctx, o.id)).some((c) => c.position === 'CHAIR' && c.electionId !== null),
};
