import { paginate } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { visibleOrganization } from './visibility';

export const Query: QueryResolvers = {
  organization: (_parent, { id }, ctx) => visibleOrganization(ctx, id),

  organizations: async (_parent, { first, after, filter }, { models, scope }) => {
    const conditions: Record<string, unknown>[] = [scope.pathFilter('path')];
    if (filter?.type) conditions.push({ type: filter.type });
    if (filter?.level) conditions.push({ level: filter.level });
    if (filter?.status) conditions.push({ status: filter.status });
    if (filter?.subtreeOf) conditions.push({ path: filter.subtreeOf });
    if (filter?.divisionCode)
      conditions.push({ divisionCode: { $regex: `^${filter.divisionCode.replace(/\D/g, '')}` } });
    if (filter?.nameContains) {
      conditions.push({ name: { $regex: filter.nameContains.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') } });
    }
    return paginate(
      models.Organization,
      { $and: conditions },
      { first, after },
      { divisionCode: 1, name: 1 },
    );
  },
};
