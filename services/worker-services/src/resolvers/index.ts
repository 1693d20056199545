import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  Query: {
    workersHome: async (_parent, { id }, { loaders, scope }) =>
      scope.visible(await loaders.home.load(id), (h) => h.organizationId),
    workersHomeOf: async (_parent, { organizationId }, { loaders, scope }) => {
      await scope.requireOrg(organizationId);
      return loaders.homeByOrganization.load(organizationId);
    },
  },
  WorkersHome: {
    __resolveReference: async (ref, { loaders, scope }) =>
      scope.visible(await loaders.home.load(ref.id), (h) => h.organizationId),
    id: (h) => h._id,
    organization: (h) => ({ id: h.organizationId }),
  },
};
