import type { MutationResolvers } from '../../__generated__/resolvers-types';
import {
  createOrganization,
  dissolveOrganization,
  mergeOrganization,
  updateOrganization,
} from '../../domain/organizations';

export const organizationMutations: MutationResolvers = {
  createOrganization: (_p, { input }, ctx) => createOrganization(ctx, input),
  updateOrganization: (_p, { id, input }, ctx) => updateOrganization(ctx, id, input),
  mergeOrganization: (_p, { id, intoId, mergedAt }, ctx) => mergeOrganization(ctx, id, intoId, mergedAt),
  dissolveOrganization: (_p, { id, dissolvedAt }, ctx) => dissolveOrganization(ctx, id, dissolvedAt),
};
