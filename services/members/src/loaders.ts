import { loadById, loadCountBy, type Scope } from '@union-graph/subgraph-kit';
import { COUNTED_STATUSES, type Models } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  return {
    member: loadById(models.Member),
    memberCount: loadCountBy(models.Member, 'organizationId', { status: { $in: COUNTED_STATUSES } }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
