import type { CollectiveContractReportResolvers } from '../__generated__/resolvers-types';

export const CollectiveContractReport: CollectiveContractReportResolvers = {
  organization: (r) => ({ id: r.organizationId }),
};
