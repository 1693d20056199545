import type { OrganizationResolvers } from '../__generated__/resolvers-types';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  memberCount: (org, _args, { loaders }) => loaders.memberCount.load(org.id),
};
