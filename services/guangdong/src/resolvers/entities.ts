import type { MemberResolvers, OrganizationResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';

/**
 * The kit has already turned away other provinces' callers and organizations; inside the province
 * a caller still sees only their own subtree (a reference is not proof of scope).
 */
const inScope = async (ctx: Context, organizationId: string) =>
  (await ctx.scope.visible({ organizationId }, (o) => o.organizationId)) !== null;

async function visibleOnly<T extends { organizationId: string }>(ctx: Context, docs: T[]): Promise<T[]> {
  const shown = await Promise.all(docs.map((d) => ctx.scope.visible(d, (x) => x.organizationId)));
  return shown.filter((d) => d !== null);
}

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  gdHonors: async (o, _a, ctx) =>
    (await inScope(ctx, o.id)) ? ctx.loaders.honorsByOrganization.load(o.id) : null,
  gdActiveCardCount: async (o, _a, ctx) =>
    (await inScope(ctx, o.id)) ? ctx.loaders.activeCardCount.load(o.id) : null,
};

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  gdBenefitCard: async (m, _a, ctx) =>
    ctx.scope.visible(await ctx.loaders.activeCardByMember.load(m.id), (c) => c.organizationId),
  gdHonors: async (m, _a, ctx) => visibleOnly(ctx, await ctx.loaders.honorsByMember.load(m.id)),
};
