import type { Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@union-graph/subgraph-kit';
import type { Authenticate } from '../auth';
import { DEFAULT_LIMITS } from '../limits';
import type { Metrics } from '../metrics';
import {
  DEFAULT_KEYSPACE,
  DEFAULT_REQUEST_TIMEOUT_MS,
  DEFAULT_SUBSCRIPTION_OPTIONS,
  type GatewayOptions,
} from '../options';
import type { GatewayContext } from '../signed-data-source';
import type { SupergraphSource } from '../supergraph';
import { ChangeFeed } from './feed';
import { SUBSCRIPTION_STREAMS } from './fields';
import { SubscriptionHub } from './hub';
import { sseRoute } from './sse';
import { apiSchema, executeThrough, subscriptionStarter } from './start';
import { webSocketServer } from './ws';

export interface Subscriptions {
  /** The `/graphql/stream` (SSE) pipeline. */
  route: ReturnType<typeof sseRoute>;
  /** Takes WebSocket upgrades of `/graphql` on the listening server. */
  attach(server: Server): void;
  stop(): Promise<void>;
}

/**
 * Subscriptions served by the gateway itself (Apollo Gateway has none): the `Subscription` fields
 * the subgraphs declare (fields.ts), fed by their change streams (feed.ts), filtered and answered
 * per subscriber (hub.ts), started like a query is checked (start.ts), over SSE (graphql-sse,
 * sse.ts) and WebSocket (graphql-ws, ws.ts). Without Redis there are no change events: subscribing
 * is refused.
 */
export async function createSubscriptions(parts: {
  opts: GatewayOptions;
  authenticate: Authenticate;
  apollo: ApolloServer<GatewayContext>;
  supergraph: SupergraphSource;
  metrics: Metrics;
  log: Logger;
}): Promise<Subscriptions> {
  const { opts, authenticate, metrics, log } = parts;
  const options = { ...DEFAULT_SUBSCRIPTION_OPTIONS, ...opts.subscriptions };
  const schema = apiSchema(parts.supergraph);
  const execute = executeThrough(parts.apollo, opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const feed =
    opts.redisUrl &&
    new ChangeFeed({
      redisUrl: opts.redisUrl,
      keyspace: opts.keyspace ?? DEFAULT_KEYSPACE,
      streams: SUBSCRIPTION_STREAMS,
      log,
    });
  if (feed) await feed.start();
  const hub = feed ? new SubscriptionHub({ feed, execute, options, metrics, log }) : undefined;
  const start = subscriptionStarter({
    opts,
    limits: { ...DEFAULT_LIMITS, ...opts.limits },
    schema,
    execute,
    hub,
  });
  const ws = webSocketServer({ options, authenticate, start, schema, hub, metrics });
  return {
    route: sseRoute({ opts, options, authenticate, start, hub, metrics }),
    attach: ws.attach,
    async stop() {
      hub?.close();
      await ws.close();
      if (feed) await feed.stop();
    },
  };
}
