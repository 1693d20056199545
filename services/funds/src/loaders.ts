import { loadById, loadOneBy, type Scope } from '@union-graph/subgraph-kit';
import type { Models } from './models';

export function createLoaders(models: Models, _scope: Scope) {
  return {
    account: loadById(models.FundAccount),
    accountByOrganization: loadOneBy(models.FundAccount, 'organizationId'),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
