import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { Connection } from 'mongoose';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { groupInfo, streamKey } from './events';
import type { RedisClient } from './redis';
import { commandCollection } from './telemetry';

const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const COMMAND_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * One registry per subgraph (tests run several in one process), named as the gateway's are
 * (`gateway_*` there, `subgraph_*` here) with a `subgraph` label on every series. Labels stay
 * bounded: operation types, outcomes, command names, source subgraphs.
 */
export function createSubgraphMetrics(
  subgraph: string,
  /** Read at scrape time: events not yet applied, by source subgraph (see consumerLag). */
  lag: () => Promise<Map<string, number>> = async () => new Map(),
) {
  const registry = new Registry();
  registry.setDefaultLabels({ subgraph });
  collectDefaultMetrics({ register: registry, prefix: 'subgraph_' });
  return {
    registry,
    requests: new Counter({
      name: 'subgraph_requests_total',
      help: 'GraphQL requests by operation type and outcome (ok; error: the answer carries errors)',
      labelNames: ['operation_type', 'outcome'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'subgraph_request_duration_seconds',
      help: 'GraphQL request latency by operation type and outcome',
      labelNames: ['operation_type', 'outcome'] as const,
      buckets: REQUEST_BUCKETS,
      registers: [registry],
    }),
    mongoCommands: new Histogram({
      name: 'subgraph_mongo_command_duration_seconds',
      help: 'MongoDB round trips (commands sent, _count) and their latency, by command and outcome',
      labelNames: ['command', 'collection', 'outcome'] as const,
      buckets: COMMAND_BUCKETS,
      registers: [registry],
    }),
    consumerLag: new Gauge({
      name: 'subgraph_event_consumer_lag',
      help: "Change events of a source subgraph's stream not yet applied here (never delivered plus delivered and unacknowledged), read from Redis at scrape time",
      labelNames: ['source'] as const,
      registers: [registry],
      async collect() {
        this.reset();
        for (const [source, events] of await lag()) this.set({ source }, events);
      },
    }),
  };
}

export type SubgraphMetrics = ReturnType<typeof createSubgraphMetrics>;

/** Counts every request and its latency by operation type (query, mutation) and outcome. */
export function requestMetricsPlugin(metrics: SubgraphMetrics): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operation, response }) {
          const errors = response.body.kind === 'single' && !!response.body.singleResult.errors?.length;
          const labels = {
            operation_type: operation?.operation ?? 'unknown',
            outcome: errors ? 'error' : 'ok',
          };
          metrics.requests.inc(labels);
          metrics.latency.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}

/** Every command the connection sends, counted with its latency (driver command monitoring). */
export function observeMongoCommands(conn: Connection, metrics: SubgraphMetrics): void {
  const client = conn.getClient();
  const collections = new Map<string, string>();
  const key = (e: { address: string; connectionId?: unknown; requestId: number }) =>
    `${e.address}#${e.connectionId}#${e.requestId}`;
  client.on('commandStarted', (e) => collections.set(key(e), commandCollection(e)));
  const end = (
    e: { address: string; connectionId?: unknown; requestId: number; commandName: string; duration: number },
    outcome: string,
  ) => {
    const collection = collections.get(key(e)) ?? '';
    collections.delete(key(e));
    metrics.mongoCommands.observe({ command: e.commandName, collection, outcome }, e.duration / 1000);
  };
  client.on('commandSucceeded', (e) => end(e, 'ok'));
  client.on('commandFailed', (e) => end(e, 'error'));
}

/**
 * How many events of each source's stream the consumer group `group` has not applied yet (XINFO
 * GROUPS, Redis 7: `lag` undelivered entries plus `pending` delivered and unacknowledged). A source
 * whose lag Redis cannot tell (entries deleted from the middle of the stream) is left out.
 */
export async function consumerLag(
  redis: RedisClient,
  keyspace: string,
  group: string,
  sources: readonly string[],
): Promise<Map<string, number>> {
  const lag = new Map<string, number>();
  await Promise.all(
    sources.map(async (source) => {
      const info = await groupInfo(redis, streamKey(keyspace, source), group).catch(() => undefined);
      const behind = info?.lag;
      if (behind !== null && behind !== undefined)
        lag.set(source, Number(behind) + Number(info?.pending ?? 0));
    }),
  );
  return lag;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when `authorization` is exactly `Bearer <token>` (compared in constant time). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  return !!authorization && timingSafeEqual(digest(authorization), digest(`Bearer ${token}`));
}

/**
 * `GET /metrics` (Prometheus). Metrics name clients, operations and collections: served only with
 * `Authorization: Bearer <token>` (401 otherwise), and not at all (404) when no token is configured.
 */
export function metricsHandler(registry: Registry, token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (!token) {
      res.status(404).type('text/plain').send('not found');
      return;
    }
    if (!bearerMatches(req.headers.authorization, token)) {
      res
        .status(401)
        .setHeader('www-authenticate', 'Bearer realm="metrics"')
        .type('text/plain')
        .send('unauthorized');
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
