import type { MembersMeetingResolvers } from '../__generated__/resolvers-types';
import { isQuorate } from '../domain/assemblies';
import { ownerOf } from '../domain/organizations';

export const MembersMeeting: MembersMeetingResolvers = {
  id: (m) => m._id,
  organization: (m, _args, ctx) => ownerOf(ctx, m.organizationId),
  quorate: (m) => isQuorate(m),
  delegatesElected: (m, _args, ctx) => ctx.loaders.delegatesOfMeeting.load(m._id),
};
