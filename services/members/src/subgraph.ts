import { join } from 'node:path';
import type { SubgraphDefinition } from '@union-graph/subgraph-kit';
import { ACCESS_LOG_SOURCES, applyAccessLogEvents } from './domain/access-log';
import { applyDuesEvents } from './domain/dues';
import { republishRegistryCounts, withRegistryCounts } from './domain/registry-counts';
import { scheduleSweep } from './domain/sweep';
import { applyUnitEvents, bootstrapUnits } from './domain/units';
import { createLoaders, type Loaders } from './loaders';
import { createModels, type Models } from './models';
import { resolvers } from './resolvers';
import { memberStatistics } from './statistics';

/** Funds announces dues payments on its stream; members keeps each member's last payment (R16). */
export const FUNDS_SUBGRAPH = 'funds';

export const membersSubgraph: SubgraphDefinition<Models, Loaders> = {
  name: 'members',
  packageDir: join(__dirname, '..'),
  // R14: every mutation's changes carry the registry counts of the unions they touched.
  resolvers: withRegistryCounts(resolvers),
  models: createModels,
  loaders: createLoaders,
  // Funds' dues, and every personal-data subgraph's access log entries (PIPL art. 45).
  subscriptions: ACCESS_LOG_SOURCES.map((source) => ({
    source,
    // Relayed: only what changed members' answers (a member's dues), not every event of the source.
    handle: async (events, models) => {
      const dues = source === FUNDS_SUBGRAPH ? await applyDuesEvents(events, models) : [];
      await applyAccessLogEvents(events, models);
      return dues;
    },
  })),
  // Host units and who covers them, for the join-at-source check (§8, R12).
  orgReadModels: [applyUnitEvents],
  // R14: organizations asks for the counts again when its read model needs them.
  republish: republishRegistryCounts,
  // R16: the periodic sweep proposing withdrawals, once per period across replicas.
  background: (host) => {
    // §8: an empty unit directory asks organizations for every host unit.
    void bootstrapUnits(host);
    return scheduleSweep(host);
  },
  // Members keeps the access log of the whole graph: its own entries are written, not published.
  keepsAccessLog: true,
  // `members(filter: { subtree: true })` lists the members of every union below.
  subtreeAggregates: true,
  // Roster exports are fetched at /downloads/members/<id> by the caller who made them.
  downloads: (models) => models.RosterDownload,
  // An application's id becomes the member's id on approval: the applicant is that person.
  personOf: { MembershipApplication: (a) => (a as { _id?: string })._id },
  // Issue #19: members and their unions' regions in the columnar read model behind memberBreakdown.
  statistics: memberStatistics,
};
