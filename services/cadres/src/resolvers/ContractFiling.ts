import type { ContractFilingResolvers } from '../__generated__/resolvers-types';
import { orgIdOf } from '../domain/refs';
import { cadreOf } from './Cadre';

export const ContractFiling: ContractFilingResolvers = {
  __resolveReference: async (ref, ctx) =>
    ctx.scope.visible(await ctx.loaders.contractFiling.load(ref.id), orgIdOf),
  id: (f) => f._id,
  organization: (f) => ({ id: f.organizationId }),
  chair: cadreOf,
  filedWith: (f) => ({ id: f.filedWithId }),
};
