import type { MemberCardResolvers } from '../__generated__/resolvers-types';

export const MemberCard: MemberCardResolvers = {
  number: (c) => c._id,
  issuedBy: (c) => ({ id: c.organizationId }),
};
