import type { CompetitionEntryResolvers } from '../__generated__/resolvers-types';

export const CompetitionEntry: CompetitionEntryResolvers = {
  id: (e) => e._id,
  organization: (e) => ({ id: e.organizationId }),
};
