import type { WorkersHomeResolvers } from '../__generated__/resolvers-types';
import { visibleAll } from '../domain/access';

export const WorkersHome: WorkersHomeResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.home.load(ref.id), (h) => h.organizationId),
  id: (h) => h._id,
  organization: (h) => ({ id: h.organizationId }),
  modelTitles: async (h, _args, ctx) => visibleAll(ctx, await ctx.loaders.modelTitlesByHome.load(h._id)),
};
