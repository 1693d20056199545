import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { moveOrganization } from '../../domain/move';

export const moveMutations: MutationResolvers = {
  moveOrganization: (_p, { id, parentId }, ctx) => moveOrganization(ctx, id, parentId),
};
