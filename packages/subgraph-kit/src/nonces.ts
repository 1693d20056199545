import type { RedisClient } from './redis';

/**
 * Remembers the nonces of signed gateway hops for as long as their signature is valid, so a
 * captured request sent again is refused. This replica's memory answers first (it works while
 * Redis is down); Redis is the memory replicas share, asked with a short timeout: a replay sent to
 * another replica is refused too whenever Redis is up.
 */
export class NonceGuard {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly redis: RedisClient | null,
    private readonly keyspace: string,
    private readonly redisTimeoutMs = 250,
  ) {}

  /** True the first time a nonce is offered; false for a replay. */
  async accept(nonce: string, validUntil: number, now = Date.now()): Promise<boolean> {
    this.forgetExpired(now);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, validUntil);
    if (!this.redis) return true;
    const ttl = Math.max(1, validUntil - now);
    const shared = this.redis.set(`${this.keyspace}nonce:${nonce}`, '1', 'PX', ttl, 'NX');
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(resolve, this.redisTimeoutMs, 'timeout').unref(),
    );
    try {
      return (await Promise.race([shared, timeout])) !== null;
    } catch {
      return true;
    } finally {
      shared.catch(() => undefined);
    }
  }

  /** Nonces arrive in about the order of their timestamps, so expired ones sit at the front. */
  private forgetExpired(now: number): void {
    for (const [nonce, until] of this.seen) {
      if (until >= now) break;
      this.seen.delete(nonce);
    }
  }
}
