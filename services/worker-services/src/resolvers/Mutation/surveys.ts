import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { keyed } from '../../domain/once';
import { createSatisfactionSurvey, rateUnion } from '../../domain/surveys';

export const surveyMutations: MutationResolvers = {
  createSatisfactionSurvey: (_p, args, ctx) =>
    createSatisfactionSurvey(ctx, ...keyed('createSatisfactionSurvey', args.input)),
  rateUnion: (_p, all, ctx) => {
    const [{ surveyId, memberId, rating }, once] = keyed('rateUnion', all);
    return rateUnion(ctx, surveyId, memberId, rating, once);
  },
};
