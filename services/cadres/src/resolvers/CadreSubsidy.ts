import type { CadreSubsidyResolvers } from '../__generated__/resolvers-types';
import { orgIdOf } from '../domain/refs';
import { cadreOf } from './Cadre';

export const CadreSubsidy: CadreSubsidyResolvers = {
  __resolveReference: async (ref, ctx) => ctx.scope.visible(await ctx.loaders.subsidy.load(ref.id), orgIdOf),
  id: (s) => s._id,
  cadre: cadreOf,
  paidBy: (s) => ({ id: s.paidByOrganizationId }),
};
