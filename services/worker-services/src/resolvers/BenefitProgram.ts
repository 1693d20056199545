import type { BenefitProgramResolvers } from '../__generated__/resolvers-types';

export const BenefitProgram: BenefitProgramResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.benefitProgram.load(ref.id), (p) => p.organizationId),
  id: (p) => p._id,
  organization: (p) => ({ id: p.organizationId }),
  redemptionCount: (p, _args, { loaders }) => loaders.redemptionCount.load(p._id),
};
