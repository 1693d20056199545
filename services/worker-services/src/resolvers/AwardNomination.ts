import type { AwardNominationResolvers } from '../__generated__/resolvers-types';
import { awardFlow } from '../domain/awards';
import { replay } from '../domain/workflow';

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
