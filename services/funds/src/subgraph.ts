import { join } from 'node:path';
import type { SubgraphDefinition } from '@union-graph/subgraph-kit';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';

export const fundsSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'funds',
  packageDir: join(__dirname, '..'),
  resolvers,
  models: createModels,
  loaders: createLoaders,
  // A dues payment is a ledger posting; its member is in the dues details.
  personOf: { DuesPayment: (p) => (p as { dues?: { memberId?: string } }).dues?.memberId },
};
