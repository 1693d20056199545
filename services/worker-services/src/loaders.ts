import { loadById, loadOneBy, type Scope } from '@union-graph/subgraph-kit';
import type { Models } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  return {
    home: loadById(models.WorkersHome),
    homeByOrganization: loadOneBy(models.WorkersHome, 'organizationId', {
      filter: { kind: { $ne: 'ONLINE' } },
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
