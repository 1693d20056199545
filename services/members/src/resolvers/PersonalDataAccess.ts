import type { PersonalDataAccessResolvers } from '../__generated__/resolvers-types';

export const PersonalDataAccess: PersonalDataAccessResolvers = {
  id: (e) => e._id,
  callerRoles: (e) => e.roles,
};
