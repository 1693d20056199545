import type { MembershipApplicationResolvers } from '../__generated__/resolvers-types';
import { readableMember } from '../domain/access';

export const MembershipApplication: MembershipApplicationResolvers = {
  __resolveReference: async (ref, ctx) =>
    ctx.scope.visible(await ctx.loaders.application.load(ref.id), (a) => a.organizationId),
  id: (a) => a._id,
  organization: (a) => ({ id: a.organizationId }),
  online: (a) => a.online ?? false,
  member: async (a, _x, ctx) =>
    a.status === 'APPROVED' ? readableMember(ctx, await ctx.loaders.member.load(a._id)) : null,
};
