import type { OrganizationResolvers } from '../__generated__/resolvers-types';

/**
 * The kit has already turned away other provinces' callers and organizations; inside the province
 * a caller still sees only their own subtree (a reference is not proof of scope).
 */
export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  gdHonors: async (o, _a, { loaders, scope }) =>
    (await scope.visible(o, (org) => org.id)) ? loaders.honorsByOrganization.load(o.id) : null,
  gdActiveCardCount: async (o, _a, { loaders, scope }) =>
    (await scope.visible(o, (org) => org.id)) ? loaders.activeCardCount.load(o.id) : null,
};
