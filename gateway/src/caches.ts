import type { Logger } from '@union-graph/subgraph-kit';
import { CacheCipher, parseCacheKey } from './cache-cipher';
import { CacheStore } from './cache-store';
import { EntityCache } from './entity-cache';
import { Invalidator } from './invalidation';
import { RedisKeyValueCache } from './kv-cache';
import type { Metrics } from './metrics';
import { DEFAULT_KEYSPACE, type GatewayOptions } from './options';
import { ResponseCache, ResponseTags } from './response-cache';
import { type SupergraphSource, subgraphsOf } from './supergraph';
import { TagIndex } from './tag-index';

/** The gateway's Redis caches, kept fresh by the subgraphs' change events; all absent without Redis. */
export interface GatewayCaches {
  store?: CacheStore;
  entityCache?: EntityCache;
  responseCache?: RedisKeyValueCache;
  apqCache?: RedisKeyValueCache;
  /** Resolves once every change event published so far (by the given subgraphs) has invalidated the caches. */
  caughtUp(subgraphs?: Iterable<string>): Promise<void>;
  /** Resolves once the changes the given subgraphs published so far are applied by any replica, or at `deadline`. */
  appliedEverywhere(subgraphs: Iterable<string>, deadline: number): Promise<void>;
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

export async function createCaches(
  opts: CacheOptions,
  supergraph: SupergraphSource,
  log: Logger,
  metrics: Metrics,
): Promise<GatewayCaches> {
  if (!opts.redisUrl)
    return { caughtUp: async () => {}, appliedEverywhere: async () => {}, stop: async () => {} };
  const store = new CacheStore({
    url: opts.redisUrl,
    keyspace: opts.keyspace ?? DEFAULT_KEYSPACE,
    log,
    metrics,
    commandTimeoutMs: opts.redisCommandTimeoutMs,
    cipher: cacheCipher(opts),
  });
  const index = new TagIndex(store);
  const tags = new ResponseTags(store);
  const entityCache = new EntityCache(store, metrics, index);
  const invalidator = new Invalidator({
    redisUrl: opts.redisUrl,
    store,
    entityCache,
    index,
    tags,
    metrics,
    log,
  });
  // Every subgraph's change stream, again when a new supergraph adds or removes one.
  const follow = () => invalidator.follow(subgraphsOf(supergraph.sdl).map((s) => s.name));
  await follow();
  supergraph.on('applied', () => void follow());

  return {
    store,
    entityCache,
    responseCache: new ResponseCache(store, metrics, index, tags),
    apqCache: new RedisKeyValueCache(store, 'apq', metrics),
    caughtUp: (subgraphs) => invalidator.caughtUp(subgraphs),
    appliedEverywhere: (subgraphs, deadline) => invalidator.appliedEverywhere(subgraphs, deadline),
    async stop() {
      await invalidator.stop();
      await store.stop();
    },
  };
}
