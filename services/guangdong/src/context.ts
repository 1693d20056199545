import type { SubgraphContext } from '@union-graph/subgraph-kit';
import type { Loaders } from './loaders';
import type { Models } from './models';

export type Context = SubgraphContext<Models, Loaders>;
