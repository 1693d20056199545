import type {
  AssistanceCaseResolvers,
  BenefitProgramResolvers,
  BenefitRedemptionResolvers,
  PurchasedServiceResolvers,
} from '../__generated__/resolvers-types';
import { assistedAmount, caseState } from '../domain/assistance';
import { visiblePersonal } from '../subtree';

export const AssistanceCase: AssistanceCaseResolvers = {
  __resolveReference: async (ref, ctx) => visiblePersonal(ctx, await ctx.loaders.assistanceCase.load(ref.id)),
  id: (c) => c._id,
  member: (c) => ({ id: c.memberId }),
  organization: (c) => ({ id: c.organizationId }),
  // Household income and circumstances are personal: only administrators and the member see them.
  household: (c, _args, { scope, caller }) =>
    scope.canSeePersonalData || caller.memberId === c.memberId
      ? { description: null, ...c.household }
      : { size: c.household.size, monthlyIncomePerHead: null, description: null },
  status: async (c, _args, ctx) => (await caseState(ctx, c)).status,
  assistedAmount: async (c, _args, ctx) => assistedAmount(await caseState(ctx, c)),
  steps: (c, _args, { loaders }) => loaders.steps.load(c._id),
};

export const BenefitProgram: BenefitProgramResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.benefitProgram.load(ref.id), (p) => p.organizationId),
  id: (p) => p._id,
  organization: (p) => ({ id: p.organizationId }),
  redemptionCount: (p, _args, { loaders }) => loaders.redemptionCount.load(p._id),
};

export const BenefitRedemption: BenefitRedemptionResolvers = {
  id: (r) => r._id,
  program: async (r, _args, { loaders }) => (await loaders.benefitProgram.load(r.programId))!,
  member: (r) => ({ id: r.memberId }),
  organization: (r) => ({ id: r.organizationId }),
  redeemedAt: (r) => r.createdAt,
};

export const PurchasedService: PurchasedServiceResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.purchasedService.load(ref.id), (s) => s.organizationId),
  id: (s) => s._id,
  organization: (s) => ({ id: s.organizationId }),
};
