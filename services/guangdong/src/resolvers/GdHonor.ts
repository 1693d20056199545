import type { GdHonorResolvers } from '../__generated__/resolvers-types';

export const GdHonor: GdHonorResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.honor.load(ref.id), (h) => h.organizationId),
  id: (h) => h._id,
  member: (h) => (h.memberId ? { id: h.memberId } : null),
  organization: (h) => ({ id: h.organizationId }),
};
