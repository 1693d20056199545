import type { RightsProtectionCaseResolvers } from '../__generated__/resolvers-types';
import { orgIdOf } from '../domain/refs';
import { cadreOf } from './Cadre';

export const RightsProtectionCase: RightsProtectionCaseResolvers = {
  __resolveReference: async (ref, ctx) =>
    ctx.scope.visible(await ctx.loaders.rightsCase.load(ref.id), orgIdOf),
  id: (r) => r._id,
  cadre: cadreOf,
};
