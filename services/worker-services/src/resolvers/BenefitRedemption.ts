import type { BenefitRedemptionResolvers } from '../__generated__/resolvers-types';

export const BenefitRedemption: BenefitRedemptionResolvers = {
  id: (r) => r._id,
  program: async (r, _args, { loaders }) => (await loaders.benefitProgram.load(r.programId))!,
  member: (r) => ({ id: r.memberId }),
  organization: (r) => ({ id: r.organizationId }),
  redeemedAt: (r) => r.createdAt,
};
