import type { StaffingResolvers } from '../__generated__/resolvers-types';

export const Staffing: StaffingResolvers = {
  organization: (s) => ({ id: s.organizationId }),
  applies: (s) => s.rule !== null,
  met: (s) => s.shortBy === 0,
};
