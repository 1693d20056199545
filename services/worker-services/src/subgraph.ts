import { join } from 'node:path';
import {
  republishOrgSnapshots,
  type SubgraphDefinition,
  statisticsDownloads,
  withOrgSnapshots,
} from '@union-graph/subgraph-kit';
import { sixHavesEvidence } from './domain/six-haves-evidence';
import { applyUnitEvents } from './domain/units';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';
import { workerServiceStatistics } from './statistics';

export const workerServicesSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'worker-services',
  packageDir: join(__dirname, '..'),
  // R5: homes', centers', congresses' and surveys' changes carry the unions' six-haves evidence.
  resolvers: withOrgSnapshots(resolvers, sixHavesEvidence),
  republish: republishOrgSnapshots(sixHavesEvidence),
  models: createModels,
  loaders: createLoaders,
  // Host units and the union covering each, for the area of a sectoral or regional contract (§12).
  orgReadModels: [applyUnitEvents],
  // Issue #19: cases, homes and alerts with their states, behind workerServiceBreakdown.
  statistics: workerServiceStatistics,
  // Statistics files are fetched at /downloads/worker-services/<id> by their maker.
  downloads: (models) => statisticsDownloads(models.WorkersHome.db),
  // A medal names a person (its member); a team's or a unit's award is about no person.
  personOf: {
    AwardNomination: (n) => {
      const { kind, memberId } = n as { kind?: string; memberId?: string | null };
      return memberId ?? (kind === 'MAY_DAY_MEDAL' ? null : false);
    },
  },
};
