import type {
  AwardNominationResolvers,
  CompetitionEntryResolvers,
  CompetitionResolvers,
} from '../__generated__/resolvers-types';
import { awardFlow, replay } from '../workflows';

export const Competition: CompetitionResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.competition.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  organization: (c) => ({ id: c.organizationId }),
  entries: (c, _args, { loaders }) => loaders.competitionEntries.load(c._id),
};

export const CompetitionEntry: CompetitionEntryResolvers = {
  id: (e) => e._id,
  organization: (e) => ({ id: e.organizationId }),
};

export const AwardNomination: AwardNominationResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.awardNomination.load(ref.id), (n) => n.nomineeOrganizationId),
  id: (n) => n._id,
  conferrer: (n) => ({ id: n.conferrerId }),
  nominee: (n) => ({ id: n.nomineeOrganizationId }),
  member: (n) => (n.memberId ? { id: n.memberId } : null),
  status: async (n, _args, { loaders }) => replay(awardFlow, await loaders.steps.load(n._id)).status,
  steps: (n, _args, { loaders }) => loaders.steps.load(n._id),
};
