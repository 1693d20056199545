import type { DisclosureResolvers } from '../__generated__/resolvers-types';

export const Disclosure: DisclosureResolvers = {
  id: (d) => d._id,
  organization: (d) => ({ id: d.organizationId }),
};
