import type { SectoralCoverageReportResolvers } from '../__generated__/resolvers-types';

export const SectoralCoverageReport: SectoralCoverageReportResolvers = {
  organization: (r) => ({ id: r.organizationId }),
};
