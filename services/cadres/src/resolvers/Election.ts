import type { ElectionCandidateResolvers, ElectionResolvers } from '../__generated__/resolvers-types';
import { daysBetween } from '../domain/dates';
import { candidateViews } from '../domain/elections';
import { visibleByOrg } from '../domain/subtree';

export const Election: ElectionResolvers = {
  __resolveReference: async (ref, ctx) => visibleByOrg(ctx, await ctx.loaders.election.load(ref.id)),
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

export const ElectionCandidate: ElectionCandidateResolvers = {
  id: (c) => c._id,
  member: (c) => ({ id: c.memberId }),
  position: (c) => c.position as never,
  publicityDays: (c) => daysBetween(c.publicityStart, c.voteDate),
  votes: (c) => c.tally?.votes ?? null,
  elected: (c) => c.tally?.elected ?? null,
};
