import type { GdBenefitCardResolvers } from '../__generated__/resolvers-types';

export const GdBenefitCard: GdBenefitCardResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.card.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  // CARD_NUMBER: the kit's @personal policy withholds it whole (no last four digits).
  cardNumber: (c) => c.cardNumber,
  member: (c) => ({ id: c.memberId }),
  organization: (c) => ({ id: c.organizationId }),
};
