import type { MemberResolvers } from '../__generated__/resolvers-types';

export const Member: MemberResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.member.load(ref.id), (m) => m.organizationId),
  id: (m) => m._id,
  organization: (m) => ({ id: m.organizationId }),
};
