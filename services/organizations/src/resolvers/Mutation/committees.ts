import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { recordCommitteeTerm } from '../../domain/records';

export const committeeMutations: MutationResolvers = {
  recordCommitteeTerm: (_p, { input }, ctx) =>
    recordCommitteeTerm(ctx, { ...input, termStart: new Date(input.termStart) }),
};
