import type { LiaisonPointResolvers } from '../__generated__/resolvers-types';
import { visitDueOn, visitOverdue } from '../domain/liaison';
import { ownerOf, visibleOrganization } from '../domain/organizations';

export const LiaisonPoint: LiaisonPointResolvers = {
  id: (p) => p._id,
  // The upper union is above the caller's view for the grassroots union's own staff.
  upperUnion: (p, _args, ctx) => visibleOrganization(ctx, p.upperOrgId),
  organization: (p, _args, ctx) => ownerOf(ctx, p.organizationId),
  cadre: (p) => (p.cadreId ? { id: p.cadreId } : null),
  visits: (p, _args, ctx) => ctx.loaders.visitsOfPoint.load(p._id),
  lastVisitOn: async (p, _args, ctx) => (await ctx.loaders.visitsOfPoint.load(p._id))[0]?.visitedOn ?? null,
  visitDueOn: async (p, _args, ctx) => visitDueOn(p, await ctx.loaders.visitsOfPoint.load(p._id)),
  visitOverdue: async (p, _args, ctx) => visitOverdue(p, await ctx.loaders.visitsOfPoint.load(p._id)),
};
