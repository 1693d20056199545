import type { SubgraphDefinition } from '@union-graph/subgraph-kit';

type AnyDefinition = SubgraphDefinition<unknown, unknown>;

/**
 * Each subgraph loaded on demand, so that a server process holds its own code only and its RSS
 * is what that subgraph alone would use.
 */
export const SUBGRAPHS: Record<string, () => Promise<AnyDefinition>> = {
  organizations: async () =>
    (await import('@union-graph/organizations')).organizationsSubgraph as AnyDefinition,
  members: async () => (await import('@union-graph/members')).membersSubgraph as AnyDefinition,
  cadres: async () => (await import('@union-graph/cadres')).cadresSubgraph as AnyDefinition,
  funds: async () => (await import('@union-graph/funds')).fundsSubgraph as AnyDefinition,
  'worker-services': async () =>
    (await import('@union-graph/worker-services')).workerServicesSubgraph as AnyDefinition,
};
