import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { CacheStore } from './cache-store';
import type { CacheLayer, Metrics } from './metrics';

/**
 * Apollo's KeyValueCache over the gateway's Redis, one per layer so each layer's hits and misses
 * are counted apart. Failures read as misses and writes are dropped: a cache never fails a request.
 * Apollo's keys (a plain hash of the operation and its variables, e.g. a resident ID) are re-keyed
 * with the store's keyed hash, and values are sealed: an entry that does not open is a miss.
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
    return this.store.key(this.layer, this.store.cipher.id(key));
  }

  async get(key: string): Promise<string | undefined> {
    const full = this.key(key);
    const sealed = await this.store.run((r) => r.getBuffer(full));
    const value = this.store.cipher.open(sealed, full);
    this.metrics.cache.inc({ layer: this.layer, result: value === undefined ? 'miss' : 'hit' });
    return value;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const full = this.key(key);
    const ttl = options?.ttl;
    const sealed = this.store.cipher.seal(value, full);
    await this.store.run((r) => (ttl ? r.set(full, sealed, 'EX', Math.ceil(ttl)) : r.set(full, sealed)));
    await this.onSet?.(full, ttl ?? undefined);
  }

  async delete(key: string): Promise<boolean> {
    return ((await this.store.run((r) => r.del(this.key(key)))) ?? 0) > 0;
  }
}
