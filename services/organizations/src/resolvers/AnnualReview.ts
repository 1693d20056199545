import type { AnnualReviewResolvers } from '../__generated__/resolvers-types';
import { ownerOf, visibleOrganization } from '../domain/organizations';

export const AnnualReview: AnnualReviewResolvers = {
  id: (r) => r._id,
  organization: (r, _args, ctx) => ownerOf(ctx, r.organizationId),
  reviewer: (r, _args, ctx) => visibleOrganization(ctx, r.reviewerId),
};
