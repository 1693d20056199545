import type { GdBenefitCardResolvers } from '../__generated__/resolvers-types';
import { shownCardNumber } from '../domain/cards';

export const GdBenefitCard: GdBenefitCardResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.card.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  cardNumber: (c, _a, ctx) => shownCardNumber(c, ctx),
  member: (c) => ({ id: c.memberId }),
  organization: (c) => ({ id: c.organizationId }),
};
