import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { cancelCard, issueCard } from '../../domain/cards';

/** 粤工惠会员服务卡: issuing and cancelling (domain/cards). */
export const cardMutations: MutationResolvers = {
  gdIssueBenefitCard: (_p, { input }, ctx) => issueCard(ctx, input),
  gdCancelBenefitCard: (_p, { id }, ctx) => cancelCard(ctx, id),
};
