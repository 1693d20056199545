import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { recordElectionResult, scheduleElection } from '../../domain/elections';

export const electionMutations: MutationResolvers = {
  scheduleElection: (_p, { input }, ctx) => scheduleElection(ctx, input),
  recordElectionResult: (_p, { input }, ctx) => recordElectionResult(ctx, input),
};
