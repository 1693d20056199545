import type { Resolvers } from '../__generated__/resolvers-types';

export const resolvers: Resolvers = {
  Query: {
    fundAccount: async (_parent, { id }, { loaders, scope }) =>
      scope.visible(await loaders.account.load(id), (a) => a.organizationId),
    fundAccountOf: async (_parent, { organizationId }, { loaders, scope }) => {
      await scope.requireOrg(organizationId);
      return loaders.accountByOrganization.load(organizationId);
    },
  },
  FundAccount: {
    __resolveReference: async (ref, { loaders, scope }) =>
      scope.visible(await loaders.account.load(ref.id), (a) => a.organizationId),
    id: (a) => a._id,
    organization: (a) => ({ id: a.organizationId }),
  },
};
