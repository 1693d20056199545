import type { AssistanceCaseResolvers } from '../__generated__/resolvers-types';
import { visiblePersonal } from '../domain/access';
import { assistedAmount, caseState } from '../domain/assistance';

export const AssistanceCase: AssistanceCaseResolvers = {
  __resolveReference: async (ref, ctx) => visiblePersonal(ctx, await ctx.loaders.assistanceCase.load(ref.id)),
  id: (c) => c._id,
  member: (c) => ({ id: c.memberId }),
  organization: (c) => ({ id: c.organizationId }),
  // Income and circumstances are @personal on Household: the kit withholds them by the member's id.
  household: (c) => ({ description: null, ...c.household, memberId: c.memberId }),
  status: async (c, _args, ctx) => (await caseState(ctx, c)).status,
  assistedAmount: async (c, _args, ctx) => assistedAmount(await caseState(ctx, c)),
  center: (c, _args, { loaders }) => (c.centerId ? loaders.center.load(c.centerId) : null),
  steps: (c, _args, { loaders }) => loaders.steps.load(c._id),
};
