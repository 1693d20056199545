import type { ContractWorkerStepResolvers } from '../__generated__/resolvers-types';

export const ContractWorkerStep: ContractWorkerStepResolvers = {
  id: (s) => s._id,
  assignedOrganization: (s) => (s.assignedOrganizationId ? { id: s.assignedOrganizationId } : null),
};
