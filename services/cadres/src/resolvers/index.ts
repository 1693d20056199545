import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  Query: {
    cadre: async (_parent, { id }, { loaders, scope }) =>
      scope.visible(await loaders.cadre.load(id), (c) => c.organizationId),
    cadres: async (_parent, { organizationId }, { loaders, scope }) => {
      await scope.requireOrg(organizationId);
      return loaders.cadresByOrganization.load(organizationId);
    },
  },
  Cadre: {
    __resolveReference: async (ref, { loaders, scope }) =>
      scope.visible(await loaders.cadre.load(ref.id), (c) => c.organizationId),
    id: (c) => c._id,
    organization: (c) => ({ id: c.organizationId }),
    member: (c) => ({ id: c.memberId }),
  },
};
