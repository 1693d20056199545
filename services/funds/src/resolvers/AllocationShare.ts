import type { AllocationShareResolvers } from '../__generated__/resolvers-types';

export const AllocationShare: AllocationShareResolvers = {
  organization: (s) => ({ id: s.organizationId }),
};
