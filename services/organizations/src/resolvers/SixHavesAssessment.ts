import type { SixHavesAssessmentResolvers } from '../__generated__/resolvers-types';
import { ownerOf } from '../domain/organizations';

export const SixHavesAssessment: SixHavesAssessmentResolvers = {
  id: (a) => a._id,
  organization: (a, _args, ctx) => ownerOf(ctx, a.organizationId),
};
