import type { UnionDisclosureResolvers } from '../__generated__/resolvers-types';
import { ownerOf } from '../domain/organizations';

export const UnionDisclosure: UnionDisclosureResolvers = {
  id: (d) => d._id,
  organization: (d, _args, ctx) => ownerOf(ctx, d.organizationId),
};
