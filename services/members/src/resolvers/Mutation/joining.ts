import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { apply, approve, reject } from '../../domain/applications';
import { requireJoinableOrg } from '../../domain/organizations';
import { requirePerson } from '../../domain/person';
import { registerPerson } from '../../domain/registration';

export const joining: MutationResolvers = {
  applyForMembership: (_p, { input }, ctx) => apply(ctx, input),
  approveMembershipApplication: (_p, { id, note }, ctx) => approve(ctx, id, note),
  rejectMembershipApplication: (_p, { id, note }, ctx) => reject(ctx, id, note),
  registerMember: async (_p, { input }, ctx) => {
    const person = requirePerson(input);
    await ctx.scope.requireWritableOrg(input.organizationId, 'input.organizationId');
    await requireJoinableOrg(ctx.scope, input.organizationId, 'input.organizationId');
    return registerPerson(ctx, person, input.organizationId);
  },
};
