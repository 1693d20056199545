import { daysBetween } from '@union-graph/subgraph-kit';
import type { ElectionCandidateResolvers } from '../__generated__/resolvers-types';

export const ElectionCandidate: ElectionCandidateResolvers = {
  id: (c) => c._id,
  member: (c) => ({ id: c.memberId }),
  position: (c) => c.position as never,
  publicityDays: (c) => daysBetween(c.publicityStart, c.voteDate),
  votes: (c) => c.tally?.votes ?? null,
  elected: (c) => c.tally?.elected ?? null,
};
