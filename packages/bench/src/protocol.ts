import type { Caller } from '@union-graph/auth';
import type { SubgraphRuntimeOptions } from '@union-graph/subgraph-kit';
import type { SubgraphEntry } from '@union-graph/supergraph';
import type { PeerServerConfig } from './peer/servers';

/** What the bench parent hands a server process it starts. */
export interface GatewayConfig {
  supergraphSdl: string;
  hopSecret: string;
  jwtSecret: string;
  subgraphUrls: Record<string, string>;
  /** The gateway's Redis caches; without it our gateway runs uncached. */
  redisUrl?: string;
  keyspace: string;
  /** The one caller the plain gateway signs every hop for (it verifies no token). */
  caller: Caller;
  /** Subscription limits: the subscriptions scenario opens thousands as that one caller. */
  subscriptions?: { maxPerCaller: number; maxPerClient: number };
  /** Query limits of our gateway: the peer scenario's foreign query is deeper and costlier than ours. */
  limits?: { maxDepth?: number; maxCost?: number };
}

export type ChildConfig =
  | { kind: 'gateway'; gateway: GatewayConfig }
  | { kind: 'plain-gateway'; gateway: GatewayConfig }
  | { kind: 'subgraph'; entry: SubgraphEntry; runtime: Omit<SubgraphRuntimeOptions, 'logger'> }
  | PeerServerConfig;

export interface ChildRequest {
  /** `readModel`: the stats with the bytes of the subgraph's statistics read model (a DuckDB query). */
  op: 'reset' | 'stats' | 'readModel';
  id: number;
}

export type ChildReply =
  | { op: 'ready'; url: string }
  | {
      op: ChildRequest['op'];
      id: number;
      /**
       * countCommands over the requests' own commands: commands (a keyed batch once), round trips
       * on the critical path, every command; and what background work sent meanwhile, by kind.
       */
      commands: number;
      roundTrips: number;
      sent: number;
      others: Record<string, number>;
      rss: number;
      peakRss: number;
      /** CPU time the process has used so far, user and system (ms). */
      cpuMs: number;
      /** `Statistics.memoryBytes()`, asked for by `readModel`; absent for servers without one. */
      readModelBytes?: number;
    };
