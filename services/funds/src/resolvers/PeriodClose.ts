import type { PeriodCloseResolvers } from '../__generated__/resolvers-types';

export const PeriodClose: PeriodCloseResolvers = {
  organization: (c) => ({ id: c.organizationId }),
};
