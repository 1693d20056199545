import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { apply, approve, reject } from '../../domain/applications';

export const applications: MutationResolvers = {
  applyForMembership: (_p, { input }, ctx) => apply(ctx, input),
  approveMembershipApplication: (_p, { id, note }, ctx) => approve(ctx, id, note),
  rejectMembershipApplication: (_p, { id, note }, ctx) => reject(ctx, id, note),
};
