import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { recordAnnualReview, recordSixHavesAssessment } from '../../domain/records';

export const assessmentMutations: MutationResolvers = {
  recordSixHavesAssessment: (_p, { input }, ctx) => recordSixHavesAssessment(ctx, input),
  recordAnnualReview: (_p, { input }, ctx) => recordAnnualReview(ctx, input),
};
