import type { MutationResolvers } from '../__generated__/resolvers-types';
import { cancelCard, issueCard } from '../domain/cards';
import { conferHonor } from '../domain/honors';

export const Mutation: MutationResolvers = {
  gdIssueBenefitCard: (_p, { input }, ctx) => issueCard(ctx, input),
  gdCancelBenefitCard: (_p, { id }, ctx) => cancelCard(ctx, id),
  gdConferHonor: (_p, { input }, ctx) => conferHonor(ctx, input),
};
