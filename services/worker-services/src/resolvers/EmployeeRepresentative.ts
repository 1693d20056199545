import type { EmployeeRepresentativeResolvers } from '../__generated__/resolvers-types';

export const EmployeeRepresentative: EmployeeRepresentativeResolvers = {
  id: (r) => r._id,
  member: (r) => ({ id: r.memberId }),
  organization: (r) => ({ id: r.organizationId }),
  congress: async (r, _args, { loaders }) => (await loaders.congress.load(r.congressId))!,
};
