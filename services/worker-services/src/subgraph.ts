import { join } from 'node:path';
import type { SubgraphDefinition } from '@union-graph/subgraph-kit';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';

export const workerServicesSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'worker-services',
  packageDir: join(__dirname, '..'),
  resolvers,
  models: createModels,
  loaders: createLoaders,
  // A medal names a person (its member); a team's or a unit's award is about no person.
  personOf: {
    AwardNomination: (n) => {
      const { kind, memberId } = n as { kind?: string; memberId?: string | null };
      return memberId ?? (kind === 'MAY_DAY_MEDAL' ? null : false);
    },
  },
};
