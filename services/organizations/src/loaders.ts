import { loadById, type Scope } from '@union-graph/subgraph-kit';
import type { Models } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  return { organization: loadById(models.Organization) };
}

export type Loaders = ReturnType<typeof createLoaders>;
