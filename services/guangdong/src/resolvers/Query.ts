import { mayReveal, paginate } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  gdHonors: async (_p, { filter, first, after }, { models, scope }) =>
    paginate(
      models.Honor,
      {
        ...(await scope.orgFilter()),
        ...(filter?.kind ? { kind: filter.kind } : {}),
        ...(filter?.year ? { year: filter.year } : {}),
      },
      { first, after },
      { year: -1, kind: 1 },
    ),

  gdBenefitCard: async (_p, { cardNumber }, { models, scope, caller }) => {
    const card = await scope.visible(
      await models.BenefitCard.findOne({ cardNumber }).lean(),
      (c) => c.organizationId,
    );
    // A lookup by full number confirms it: only for whoever may see this card's number (else null,
    // whether or not the number exists). See docs/personal-data.md.
    return card && mayReveal(caller, 'CARD_NUMBER', card.memberId) ? card : null;
  },
};
