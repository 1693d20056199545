import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { createCompetition, decideAward, enterCompetition, nominateForAward } from '../../domain/awards';
import { keyed } from '../../domain/once';

export const awardMutations: MutationResolvers = {
  createCompetition: (_p, args, ctx) => createCompetition(ctx, ...keyed('createCompetition', args.input)),
  enterCompetition: (_p, all, ctx) => {
    const [{ competitionId, organizationId, teamName }, once] = keyed('enterCompetition', all);
    return enterCompetition(ctx, competitionId, organizationId, teamName, once);
  },
  nominateForAward: (_p, args, ctx) => nominateForAward(ctx, ...keyed('nominateForAward', args.input)),
  decideAward: (_p, all, ctx) => {
    const [{ id, conferred, note }, once] = keyed('decideAward', all);
    return decideAward(ctx, id, conferred, note, once);
  },
};
