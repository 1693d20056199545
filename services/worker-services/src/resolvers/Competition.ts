import type { CompetitionResolvers } from '../__generated__/resolvers-types';

export const Competition: CompetitionResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.competition.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  organization: (c) => ({ id: c.organizationId }),
  entries: (c, _args, { loaders }) => loaders.competitionEntries.load(c._id),
};
