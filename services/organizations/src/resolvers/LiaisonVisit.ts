import type { LiaisonVisitResolvers } from '../__generated__/resolvers-types';

export const LiaisonVisit: LiaisonVisitResolvers = {
  id: (v) => v._id,
  liaisonPoint: async (v, _args, ctx) => (await ctx.loaders.liaisonPoint.load(v.pointId))!,
};
