import { paginate } from '@union-graph/subgraph-kit';
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

  gdBenefitCard: async (_p, { cardNumber }, { models, scope }) =>
    scope.visible(await models.BenefitCard.findOne({ cardNumber }).lean(), (c) => c.organizationId),
};
