import type { Logger } from '@union-graph/subgraph-kit';
import { CacheCipher, parseCacheKey } from './cache-cipher';
import { CacheStore } from './cache-store';
import { EntityCache } from './entity-cache';
import { Invalidator } from './invalidation';
import { RedisKeyValueCache } from './kv-cache';
import type { Metrics } from './metrics';
import { DEFAULT_KEYSPACE, type GatewayOptions } from './options';
import { Generation, requestTraces } from './request-trace';
import { type SupergraphSource, subgraphsOf } from './supergraph';

/** The gateway's Redis caches, kept fresh by the subgraphs' change events; all absent without Redis. */
export interface GatewayCaches {
  /** Bumped by every handled change event (see request-trace.ts). */
  generation: Generation;
  store?: CacheStore;
  entityCache?: EntityCache;
  responseCache?: RedisKeyValueCache;
  apqCache?: RedisKeyValueCache;
  /** Resolves once every change event published so far has invalidated the caches. */
  caughtUp(): Promise<void>;
  stop(): Promise<void>;
}

type CacheOptions = Pick<
  GatewayOptions,
  'redisUrl' | 'keyspace' | 'redisCommandTimeoutMs' | 'cacheKey' | 'hopSecret'
>;

/** The configured cache key, else one derived (HKDF) from the hop secret the gateway already has. */
export function cacheCipher(opts: Pick<GatewayOptions, 'cacheKey' | 'hopSecret'>): CacheCipher {
  if (opts.cacheKey)
    return new CacheCipher(typeof opts.cacheKey === 'string' ? parseCacheKey(opts.cacheKey) : opts.cacheKey);
  return new CacheCipher(opts.hopSecret);
}

/** Indexes a stored answer under each subgraph it drew on, for that subgraph's events to drop. */
function tagResponses(store: CacheStore, invalidator: Invalidator, generation: Generation) {
  return async (key: string, ttl: number | undefined) => {
    const trace = requestTraces.getStore();
    if (!trace) return;
    if (trace.generation !== generation.current) {
      // A change landed while this answer was computed: it may already be stale.
      await store.run((r) => r.del(key));
      return;
    }
    await store.run((r) => {
      const tx = r.multi();
      for (const subgraph of trace.subgraphs) {
        const tag = invalidator.responseTag(subgraph);
        tx.sadd(tag, key);
        if (ttl) tx.expire(tag, Math.ceil(ttl), 'GT').expire(tag, Math.ceil(ttl), 'NX');
      }
      return tx.exec();
    });
  };
}

export async function createCaches(
  opts: CacheOptions,
  supergraph: SupergraphSource,
  log: Logger,
  metrics: Metrics,
): Promise<GatewayCaches> {
  const generation = new Generation();
  if (!opts.redisUrl) return { generation, caughtUp: async () => {}, stop: async () => {} };
  const store = new CacheStore({
    url: opts.redisUrl,
    keyspace: opts.keyspace ?? DEFAULT_KEYSPACE,
    log,
    metrics,
    commandTimeoutMs: opts.redisCommandTimeoutMs,
    cipher: cacheCipher(opts),
  });
  const entityCache = new EntityCache(store, metrics, generation);
  const invalidator = new Invalidator({
    redisUrl: opts.redisUrl,
    store,
    entityCache,
    generation,
    metrics,
    log,
  });
  // Every subgraph's change stream, again when a new supergraph adds or removes one.
  const follow = () => invalidator.follow(subgraphsOf(supergraph.sdl).map((s) => s.name));
  await follow();
  supergraph.on('applied', () => void follow());

  return {
    generation,
    store,
    entityCache,
    responseCache: new RedisKeyValueCache(
      store,
      'response',
      metrics,
      tagResponses(store, invalidator, generation),
    ),
    apqCache: new RedisKeyValueCache(store, 'apq', metrics),
    caughtUp: () => invalidator.caughtUp(),
    async stop() {
      await invalidator.stop();
      await store.stop();
    },
  };
}
