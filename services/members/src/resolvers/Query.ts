import { paginate } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';

export const Query: QueryResolvers = {
  member: async (_parent, { id }, { loaders, scope }) =>
    scope.visible(await loaders.member.load(id), (m) => m.organizationId),

  members: async (_parent, { organizationId, first, after }, { models, scope }) => {
    await scope.requireOrg(organizationId);
    return paginate(models.Member, { organizationId }, { first, after }, { joinedAt: 1 });
  },
};
