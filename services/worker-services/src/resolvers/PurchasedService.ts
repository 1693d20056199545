import type { PurchasedServiceResolvers } from '../__generated__/resolvers-types';

export const PurchasedService: PurchasedServiceResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.purchasedService.load(ref.id), (s) => s.organizationId),
  id: (s) => s._id,
  organization: (s) => ({ id: s.organizationId }),
};
