import { loadById, loadManyBy, type Scope } from '@union-graph/subgraph-kit';
import type { Models } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  return {
    cadre: loadById(models.Cadre),
    cadresByOrganization: loadManyBy(models.Cadre, 'organizationId', { sort: { position: 1, termStart: 1 } }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
