import type { OrganizationMoveResolvers } from '../__generated__/resolvers-types';
import { ownerOf } from '../domain/organizations';

export const OrganizationMove: OrganizationMoveResolvers = {
  id: (m) => m._id,
  organization: (m, _args, ctx) => ownerOf(ctx, m.organizationId),
};
