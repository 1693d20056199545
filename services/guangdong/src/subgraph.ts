import { join } from 'node:path';
import type { SubgraphDefinition } from '@union-graph/subgraph-kit';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';

/** The kit serves 广东省 only (`province`): other provinces' callers get nothing here. */
export const guangdongSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'guangdong',
  province: '440000',
  packageDir: join(__dirname, '..'),
  resolvers,
  models: createModels,
  loaders: createLoaders,
};
