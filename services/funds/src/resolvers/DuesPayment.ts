import type { DuesPaymentResolvers } from '../__generated__/resolvers-types';
import { duesIncome, isOwnDues } from '../domain/dues';

export const DuesPayment: DuesPaymentResolvers = {
  __resolveReference: async (ref, ctx) => {
    const p = await ctx.loaders.posting.load(ref.id);
    if (!p?.dues) return null;
    return isOwnDues(ctx, p.dues.memberId) ? p : ctx.scope.visible(p, (d) => duesIncome(d).organizationId);
  },
  id: (p) => p._id,
  member: (p) => ({ id: p.dues!.memberId }),
  organization: (p) => ({ id: duesIncome(p).organizationId }),
  period: (p) => p.dues!.period,
  // INCOME: the kit's @personal policy withholds it (personOf in subgraph.ts names the member).
  wage: (p) => p.dues!.wage,
  amount: (p) => duesIncome(p).credit,
  paidAt: (p) => p.dues!.paidAt,
};
