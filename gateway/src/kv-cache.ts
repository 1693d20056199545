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
    protected readonly store: CacheStore,
    private readonly layer: CacheLayer,
    private readonly metrics: Metrics,
  ) {}

  protected key(key: string): string {
    return this.store.key(this.layer, this.store.cipher.id(key));
  }

  /** The sealed entry under a full key. */
  protected read(full: string): Promise<Buffer | null | undefined> {
    return this.store.run((r) => r.getBuffer(full));
  }

  async get(key: string): Promise<string | undefined> {
    const full = this.key(key);
    const value = this.store.cipher.open(await this.read(full), full);
    this.metrics.cache.inc({ layer: this.layer, result: value === undefined ? 'miss' : 'hit' });
    return value;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const full = this.key(key);
    const ttl = options?.ttl;
    const sealed = this.store.cipher.seal(value, full);
    await this.store.run((r) => (ttl ? r.set(full, sealed, 'EX', Math.ceil(ttl)) : r.set(full, sealed)));
  }

  async delete(key: string): Promise<boolean> {
    return ((await this.store.run((r) => r.del(this.key(key)))) ?? 0) > 0;
  }
}
