import type { GdBenefitCardResolvers, GdHonorResolvers } from '../__generated__/resolvers-types';
import { shownCardNumber } from '../domain/cards';

export const GdBenefitCard: GdBenefitCardResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.card.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  cardNumber: (c, _a, ctx) => shownCardNumber(c, ctx),
  member: (c) => ({ id: c.memberId }),
  organization: (c) => ({ id: c.organizationId }),
};

export const GdHonor: GdHonorResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.honor.load(ref.id), (h) => h.organizationId),
  id: (h) => h._id,
  member: (h) => (h.memberId ? { id: h.memberId } : null),
  organization: (h) => ({ id: h.organizationId }),
};
