import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { createBenefitProgram, recordPurchasedService, redeemBenefit } from '../../domain/benefits';
import { keyed } from '../../domain/once';

export const benefitMutations: MutationResolvers = {
  createBenefitProgram: (_p, args, ctx) =>
    createBenefitProgram(ctx, ...keyed('createBenefitProgram', args.input)),
  redeemBenefit: (_p, args, ctx) => redeemBenefit(ctx, ...keyed('redeemBenefit', args.input)),
  recordPurchasedService: (_p, args, ctx) =>
    recordPurchasedService(ctx, ...keyed('recordPurchasedService', args.input)),
};
