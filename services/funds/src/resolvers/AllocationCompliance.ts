import type { AllocationComplianceResolvers } from '../__generated__/resolvers-types';

export const AllocationCompliance: AllocationComplianceResolvers = {
  organization: (r) => ({ id: r.organizationId }),
};
