import type { RightsCaseSupportResolvers } from '../__generated__/resolvers-types';

export const RightsCaseSupport: RightsCaseSupportResolvers = {
  fundedBy: (s) => ({ id: s.fundedByOrganizationId }),
};
