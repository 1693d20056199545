import type { AnnualReviewResolvers } from '../__generated__/resolvers-types';
import { visibleOrganization } from '../domain/organizations';
import { ownerOf } from './owner';

export const AnnualReview: AnnualReviewResolvers = {
  id: (r) => r._id,
  organization: (r, _args, ctx) => ownerOf(ctx, r.organizationId),
  reviewer: (r, _args, ctx) => visibleOrganization(ctx, r.reviewerId),
};
