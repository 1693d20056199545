import { join } from 'node:path';
import { orgLookupFrom, type SubgraphDefinition, statisticsDownloads } from '@union-graph/subgraph-kit';
import { askForSixHavesEvidence, evidenceSubscriptions } from './domain/evidence-read-model';
import { currentOrgEvents } from './domain/org-events';
import { applyRegistryCounts, askForRegistryCounts, MEMBERS_SUBGRAPH } from './domain/registry-counts';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';
import { organizationStatistics } from './statistics';

/** The organizations subgraph owns the tree, so scope checks read its own collection. */
export const organizationsSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'organizations',
  packageDir: join(__dirname, '..'),
  resolvers,
  models: createModels,
  loaders: createLoaders,
  orgLookup: (models) => orgLookupFrom(models.Organization),
  republish: currentOrgEvents,
  // Issue #19: active unions in the subgraph's DuckDB, for organizationBreakdown.
  statistics: organizationStatistics,
  // Statistics files (exportOrganizationBreakdown) are fetched at /downloads/organizations/<id> by their maker.
  downloads: (models) => statisticsDownloads(models.Organization.db),
  // R14: the registry's member counts per union, kept from members' events and asked for again;
  // R5: the six haves' evidence cadres, funds and worker-services know, kept the same way.
  subscriptions: [{ source: MEMBERS_SUBGRAPH, handle: applyRegistryCounts }, ...evidenceSubscriptions],
  background: (host) => {
    const stops = [askForRegistryCounts(host), askForSixHavesEvidence(host)];
    return () => {
      for (const stop of stops) stop();
    };
  },
};
