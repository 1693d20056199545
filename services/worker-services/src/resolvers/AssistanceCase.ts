import type { AssistanceCaseResolvers } from '../__generated__/resolvers-types';
import { visiblePersonal } from '../domain/access';
import { assistedAmount, caseState } from '../domain/assistance';

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
