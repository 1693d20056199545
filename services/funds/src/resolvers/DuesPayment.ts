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
  wage: (p, _args, ctx) =>
    ctx.scope.canSeePersonalData || isOwnDues(ctx, p.dues!.memberId) ? p.dues!.wage : null,
  amount: (p) => duesIncome(p).credit,
  paidAt: (p) => p.dues!.paidAt,
};
