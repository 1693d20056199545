import { join } from 'node:path';
import {
  republishOrgSnapshots,
  type SubgraphDefinition,
  statisticsDownloads,
  withOrgSnapshots,
} from '@union-graph/subgraph-kit';
import { postCadresPayments } from './domain/rights-fund';
import { CADRES_SUBGRAPH } from './domain/rights-payments';
import { sixHavesEvidence } from './domain/six-haves-evidence';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';
import { fundsStatistics } from './statistics';

export const fundsSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'funds',
  packageDir: join(__dirname, '..'),
  // R5: postings' changes carry the unions' six-haves evidence (receipts), for organizations' read model.
  resolvers: withOrgSnapshots(resolvers, sixHavesEvidence),
  republish: republishOrgSnapshots(sixHavesEvidence),
  models: createModels,
  loaders: createLoaders,
  // Issue #19: the ledger's income and expenditure lines in the subgraph's DuckDB, for fundsBreakdown.
  statistics: fundsStatistics,
  // Statistics files (exportFundsBreakdown) are fetched at /downloads/funds/<id> by their maker.
  downloads: (models) => statisticsDownloads(models.Posting.db),
  // Cadre subsidies and approved case support are paid from the rights-protection fund.
  subscriptions: [{ source: CADRES_SUBGRAPH, handle: postCadresPayments }],
  // A dues payment is a ledger posting; its member is in the dues details.
  personOf: { DuesPayment: (p) => (p as { dues?: { memberId?: string } }).dues?.memberId },
};
