import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { createBenefitProgram, recordPurchasedService, redeemBenefit } from '../../domain/benefits';

export const benefitMutations: MutationResolvers = {
  createBenefitProgram: (_p, { input }, ctx) => createBenefitProgram(ctx, input),
  redeemBenefit: (_p, { input }, ctx) => redeemBenefit(ctx, input),
  recordPurchasedService: (_p, { input }, ctx) => recordPurchasedService(ctx, input),
};
