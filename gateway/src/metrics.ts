import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

export type CacheLayer = 'apq' | 'response' | 'entity';

/**
 * One registry per gateway (tests run several in one process). Labels stay bounded: operation
 * names come from documents a client wrote, so unnamed ones are "anonymous" and names are cut.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gateway_' });
  return {
    registry,
    requests: new Counter({
      name: 'gateway_requests_total',
      help: 'GraphQL requests by operation name and client',
      labelNames: ['operation', 'client'] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: 'gateway_request_duration_seconds',
      help: 'GraphQL request latency by operation name and client',
      labelNames: ['operation', 'client'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    errors: new Counter({
      name: 'gateway_errors_total',
      help: 'Errors returned to clients by extensions.code',
      labelNames: ['code'] as const,
      registers: [registry],
    }),
    cache: new Counter({
      name: 'gateway_cache_total',
      help: 'Cache lookups per layer (apq, response, entity) and result (hit, miss; skip: an entity fetch whose answers carry no cache hint)',
      labelNames: ['layer', 'result'] as const,
      registers: [registry],
    }),
    shared: new Counter({
      name: 'gateway_shared_executions_total',
      help: 'Requests answered by an identical query already executing (in-flight deduplication)',
      registers: [registry],
    }),
    invalidations: new Counter({
      name: 'gateway_cache_invalidations_total',
      help: 'Cache entries deleted because a subgraph published a change',
      labelNames: ['layer'] as const,
      registers: [registry],
    }),
    subgraphLatency: new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Subgraph fetch latency by subgraph and outcome',
      labelNames: ['subgraph', 'outcome'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    redisUp: new Gauge({
      name: 'gateway_redis_up',
      help: '1 when the cache Redis answers and its circuit is closed; 0 while the gateway runs uncached',
      registers: [registry],
    }),
    subscriptions: new Gauge({
      name: 'gateway_subscriptions_active',
      help: 'Subscriptions open on this gateway, by transport (sse, ws)',
      labelNames: ['transport'] as const,
      registers: [registry],
    }),
    subscriptionEvents: new Counter({
      name: 'gateway_subscription_events_total',
      help: 'Change events delivered to subscribers, by subscription field',
      labelNames: ['field'] as const,
      registers: [registry],
    }),
    subscriptionsDropped: new Counter({
      name: 'gateway_subscriptions_dropped_total',
      help: 'Subscriptions the gateway ended, by reason (slow, expired)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    supergraphUpdates: new Counter({
      name: 'gateway_supergraph_updates_total',
      help: 'Supergraph reloads by result (applied, rejected)',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function operationLabel(name: string | null | undefined): string {
  return name ? name.slice(0, 64) : 'anonymous';
}
