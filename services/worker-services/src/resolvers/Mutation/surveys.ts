import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { createSatisfactionSurvey, rateUnion } from '../../domain/surveys';

export const surveyMutations: MutationResolvers = {
  createSatisfactionSurvey: (_p, { input }, ctx) => createSatisfactionSurvey(ctx, input),
  rateUnion: (_p, { surveyId, memberId, rating }, ctx) => rateUnion(ctx, surveyId, memberId, rating),
};
