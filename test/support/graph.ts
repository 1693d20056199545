import { type Caller, mintCallerToken } from '@union-graph/auth';
import { cadresSubgraph } from '@union-graph/cadres';
import { fundsSubgraph } from '@union-graph/funds';
import { createGateway, type GatewayOptions, type GatewayServer } from '@union-graph/gateway';
import { membersSubgraph } from '@union-graph/members';
import { organizationsSubgraph } from '@union-graph/organizations';
import { loadPlan, planSeed, SCALES, type SeedPlan, type SeedScale } from '@union-graph/seed';
import { createLogger } from '@union-graph/subgraph-kit';
import {
  startTestSubgraph,
  type TestSubgraph,
  testCallers,
  testRuntime,
} from '@union-graph/subgraph-kit/testing';
import { composeSupergraph } from '@union-graph/supergraph';
import { workerServicesSubgraph } from '@union-graph/worker-services';

/**
 * The whole graph for end-to-end tests: the five subgraphs and the gateway in this process, on
 * the run's FerretDB and Redis, with databases and Redis keys private to the calling test file.
 */
export interface TestGraph {
  url: string;
  plan: SeedPlan;
  subgraphs: Record<string, TestSubgraph<unknown>>;
  gateway: GatewayServer;
  runtime: ReturnType<typeof testRuntime>;
  /** Mints a token for a caller (HS256, the test run's secret). */
  token(caller: Caller): Promise<string>;
  query<T = Record<string, unknown>>(
    query: string,
    opts: { caller?: Caller; token?: string; variables?: Record<string, unknown> },
  ): Promise<{
    status: number;
    data?: T | null;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  }>;
  /**
   * Resolves once every change published so far has reached every read model and, with what they
   * relay, the gateway's caches: the next read sees it, and no late invalidation drops a hit.
   */
  settled(): Promise<void>;
  /** The data of a query that must succeed (as the national admin unless a caller is given); errors throw. */
  ok(query: string, variables?: Record<string, unknown>, caller?: Caller): Promise<Data>;
  stop(): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response shapes they just asked for
export type Data = Record<string, any>;

export async function startTestGraph({
  seed = 1,
  scale = SCALES.tiny!,
  gateway: gatewayOptions = {},
  servers,
}: {
  /** FerretDB and Redis of the test's own (fault tests stop them); the run's by default. */
  servers?: { mongoUrl: string; redisUrl: string };
  seed?: number;
  /** The demo data's size; tiny (one province) by default. */
  scale?: SeedScale;
  /** Extra gateway options (limits, Redis, trusted documents…); Redis is the run's by default. */
  gateway?: Partial<GatewayOptions>;
} = {}): Promise<TestGraph> {
  const runtime = { ...testRuntime(), ...servers };
  const plan = planSeed(seed, scale);
  await loadPlan(plan, runtime, () => undefined);
  const defs = [
    organizationsSubgraph,
    membersSubgraph,
    cadresSubgraph,
    fundsSubgraph,
    workerServicesSubgraph,
  ];
  const started = await Promise.all(defs.map((d) => startTestSubgraph(d as never, runtime)));
  await Promise.all(started.map((s) => s.server.caughtUp()));
  const subgraphs = Object.fromEntries(started.map((s) => [s.server.name, s as TestSubgraph<unknown>]));
  const jwtSecret = process.env.UNION_GRAPH_JWT_SECRET!;
  const gateway: GatewayServer = await createGateway({
    // Composed from the working tree's schemas: e2e tests see a schema change before `npm run compose`.
    supergraphSdl: composeSupergraph(),
    hopSecret: runtime.hopSecret,
    jwtSecret,
    subgraphUrls: Object.fromEntries(started.map((s) => [s.server.name, s.url])),
    logger: createLogger('gateway', 'silent'),
    redisUrl: runtime.redisUrl,
    keyspace: runtime.keyspace,
    ...gatewayOptions,
  });
  const url = await gateway.listen(0);
  // What the seed published (the tree, registry counts) and the read models relayed has reached
  // the gateway's caches: a test's first answers are cached, not computed across an invalidation.
  await Promise.all(started.map((s) => s.server.caughtUp()));
  await gateway.caughtUp();
  const token = (caller: Caller) => mintCallerToken(caller, jwtSecret);
  const graph: TestGraph = {
    url,
    plan,
    subgraphs,
    gateway,
    runtime,
    token,
    async query(query, { caller, token: given, variables }) {
      const bearer = given ?? (caller && (await token(caller)));
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async settled() {
      await Promise.all(started.map((s) => s.server.caughtUp()));
      await gateway.caughtUp();
    },
    async ok(query, variables = {}, caller = testCallers.national()) {
      const res = await graph.query<Data>(query, { caller, variables });
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!;
    },
    async stop() {
      await gateway.stop();
      await Promise.all(started.map((s) => s.stop()));
    },
  };
  return graph;
}

/** How often the gateway's cache `layer` (response, entity) answered with `result` so far. */
export async function cacheCount(graph: TestGraph, layer: string, result: 'hit' | 'miss'): Promise<number> {
  const metric = await graph.gateway.metrics.cache.get();
  return metric.values.find((v) => v.labels.layer === layer && v.labels.result === result)?.value ?? 0;
}
