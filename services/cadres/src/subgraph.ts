import { join } from 'node:path';
import {
  republishOrgSnapshots,
  type SubgraphDefinition,
  statisticsDownloads,
  withOrgSnapshots,
} from '@union-graph/subgraph-kit';
import { sixHavesEvidence } from './domain/six-haves-evidence';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';
import { cadreStatistics } from './statistics';

export const cadresSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'cadres',
  packageDir: join(__dirname, '..'),
  // R5: chair positions' changes carry the unions' six-haves evidence, for organizations' read model.
  resolvers: withOrgSnapshots(resolvers, sixHavesEvidence),
  republish: republishOrgSnapshots(sixHavesEvidence),
  models: createModels,
  loaders: createLoaders,
  // Issue #19: serving cadres, training and filings in the columnar read model behind cadreBreakdown.
  statistics: cadreStatistics,
  // Statistics files (exportCadreBreakdown) are fetched at /downloads/cadres/<id> by their maker.
  downloads: (models) => statisticsDownloads(models.Cadre.db),
};
