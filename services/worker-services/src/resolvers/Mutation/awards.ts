import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { createCompetition, decideAward, enterCompetition, nominateForAward } from '../../domain/awards';

export const awardMutations: MutationResolvers = {
  createCompetition: (_p, { input }, ctx) => createCompetition(ctx, input),
  enterCompetition: (_p, { competitionId, organizationId, teamName }, ctx) =>
    enterCompetition(ctx, competitionId, organizationId, teamName),
  nominateForAward: (_p, { input }, ctx) => nominateForAward(ctx, input),
  decideAward: (_p, { id, conferred, note }, ctx) => decideAward(ctx, id, conferred, note),
};
