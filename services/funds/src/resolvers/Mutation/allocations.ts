import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { recordPayrollAllocation } from '../../domain/allocation';
import { recordDues } from '../../domain/dues';
import { rules } from '../../rules';

export const allocations: MutationResolvers = {
  recordPayrollAllocation: async (_parent, { input }, ctx) =>
    (await recordPayrollAllocation(ctx, input, rules())).posting,

  recordDuesPayment: (_parent, { input }, ctx) => recordDues(ctx, input, rules()),
};
