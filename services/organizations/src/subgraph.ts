import { join } from 'node:path';
import { orgLookupFrom, type SubgraphDefinition } from '@union-graph/subgraph-kit';
import { currentOrgEvents } from './domain/org-events';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';

/** The organizations subgraph owns the tree, so scope checks read its own collection. */
export const organizationsSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'organizations',
  packageDir: join(__dirname, '..'),
  resolvers,
  models: createModels,
  loaders: createLoaders,
  orgLookup: (models) => orgLookupFrom(models.Organization),
  republish: currentOrgEvents,
};
