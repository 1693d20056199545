import type { Logger } from '@union-graph/subgraph-kit';
import { Redis } from 'ioredis';
import CircuitBreaker from 'opossum';
import type { CacheCipher } from './cache-cipher';
import type { Metrics } from './metrics';

export interface CacheStoreOptions {
  url: string;
  /** Prefix of every key the gateway writes (shared with the subgraphs' streams). */
  keyspace: string;
  /** A cache command slower than this counts as a failure: an uncached answer beats a slow one. */
  commandTimeoutMs?: number;
  /** How long the circuit stays open before one trial command. */
  resetTimeoutMs?: number;
  log: Logger;
  metrics: Metrics;
  /** Seals cached values and hashes key parts that may carry caller data (see cache-cipher.ts). */
  cipher: CacheCipher;
}

/**
 * The gateway's Redis, used only for things it can do without: caches, APQ, rate counters.
 * Commands time out quickly and a circuit breaker stops sending them while Redis is down, so a
 * dead or slow Redis costs each request nothing and the gateway answers uncached.
 */
export class CacheStore {
  readonly redis: Redis;
  readonly keyspace: string;
  readonly cipher: CacheCipher;
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly metrics: Metrics;

  constructor(opts: CacheStoreOptions) {
    this.keyspace = opts.keyspace;
    this.cipher = opts.cipher;
    this.metrics = opts.metrics;
    const timeout = opts.commandTimeoutMs ?? 250;
    this.redis = new Redis(opts.url, {
      connectionName: 'gateway',
      commandTimeout: timeout,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined); // reported through the breaker and readiness
    this.breaker = new CircuitBreaker((fn: () => Promise<unknown>) => fn(), {
      timeout: timeout * 2,
      errorThresholdPercentage: 50,
      volumeThreshold: 3,
      rollingCountTimeout: 10_000,
      resetTimeout: opts.resetTimeoutMs ?? 2_000,
    });
    this.breaker.on('open', () => {
      opts.log.warn('cache Redis unavailable: answering uncached');
      this.metrics.redisUp.set(0);
    });
    this.breaker.on('close', () => {
      opts.log.info('cache Redis back');
      this.metrics.redisUp.set(1);
    });
    this.redis.on('ready', () => this.metrics.redisUp.set(this.breaker.opened ? 0 : 1));
    this.metrics.redisUp.set(0);
  }

  key(...parts: string[]): string {
    return `${this.keyspace}gw:${parts.join(':')}`;
  }

  /** True while the circuit is closed (commands are being sent). */
  get available(): boolean {
    return !this.breaker.opened && this.redis.status === 'ready';
  }

  /** Runs a command; `undefined` when Redis is down, slow or the circuit is open. */
  async run<T>(command: (redis: Redis) => Promise<T>): Promise<T | undefined> {
    if (this.redis.status !== 'ready') {
      this.metrics.redisUp.set(0);
      return undefined;
    }
    try {
      return (await this.breaker.fire(() => command(this.redis))) as T;
    } catch {
      return undefined;
    }
  }

  async ping(): Promise<boolean> {
    return (await this.run((r) => r.ping())) === 'PONG';
  }

  async stop(): Promise<void> {
    this.breaker.shutdown();
    this.redis.disconnect();
  }
}
