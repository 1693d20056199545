import type { MemberResolvers } from '../__generated__/resolvers-types';
import { visiblePersonalAll } from '../domain/access';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  assistanceCases: async (m, _args, ctx) =>
    visiblePersonalAll(ctx, await ctx.loaders.casesByMember.load(m.id)),
  benefitRedemptions: async (m, _args, ctx) =>
    visiblePersonalAll(ctx, await ctx.loaders.redemptionsByMember.load(m.id)),
};
