import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { CacheStore } from './cache-store';
import type { CacheLayer, Metrics } from './metrics';

/**
 * Apollo's KeyValueCache over the gateway's Redis, one per layer so each layer's hits and misses
 * are counted apart. Failures read as misses and writes are dropped: a cache never fails a request.
 */
export class RedisKeyValueCache implements KeyValueCache<string> {
  constructor(
    private readonly store: CacheStore,
    private readonly layer: CacheLayer,
    private readonly metrics: Metrics,
    /** Called with each stored key, e.g. to index response-cache entries for invalidation. */
    private readonly onSet?: (key: string, ttl: number | undefined) => Promise<void>,
  ) {}

  private key(key: string): string {
    return this.store.key(this.layer, key);
  }

  async get(key: string): Promise<string | undefined> {
    const value = await this.store.run((r) => r.get(this.key(key)));
    this.metrics.cache.inc({ layer: this.layer, result: value == null ? 'miss' : 'hit' });
    return value ?? undefined;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const full = this.key(key);
    const ttl = options?.ttl;
    await this.store.run((r) => (ttl ? r.set(full, value, 'EX', Math.ceil(ttl)) : r.set(full, value)));
    await this.onSet?.(full, ttl ?? undefined);
  }

  async delete(key: string): Promise<boolean> {
    return ((await this.store.run((r) => r.del(this.key(key)))) ?? 0) > 0;
  }
}
