import type { ElectionResolvers } from '../__generated__/resolvers-types';
import { candidateViews } from '../domain/elections';
import { orgIdOf } from '../domain/refs';

export const Election: ElectionResolvers = {
  __resolveReference: async (ref, ctx) => ctx.scope.visible(await ctx.loaders.election.load(ref.id), orgIdOf),
  id: (e) => e._id,
  organization: (e) => ({ id: e.organizationId }),
  status: async (e, _a, { loaders }) => ((await loaders.electionResult.load(e._id)) ? 'HELD' : 'SCHEDULED'),
  candidates: async (e, _a, { loaders }) => candidateViews(e, await loaders.electionResult.load(e._id)),
  eligibleVoters: async (e, _a, { loaders }) =>
    (await loaders.electionResult.load(e._id))?.eligibleVoters ?? null,
  presentVoters: async (e, _a, { loaders }) =>
    (await loaders.electionResult.load(e._id))?.presentVoters ?? null,
  positions: (e, _a, { loaders }) => loaders.cadresByElection.load(e._id),
};
