import { hostname } from 'node:os';
import {
  type ChangeEvent,
  type Consumer,
  createRedis,
  type Logger,
  startConsumer,
} from '@union-graph/subgraph-kit';
import type { Redis } from 'ioredis';
import type { CacheStore } from './cache-store';
import type { EntityCache } from './entity-cache';
import type { Metrics } from './metrics';
import type { ResponseTags } from './response-cache';
import type { TagIndex } from './tag-index';

/**
 * Reads every subgraph's change stream (consumer group `gateway`: each event is handled by one
 * replica, for all of them, since the caches live in the shared Redis) and deletes what each
 * change makes stale: the `_entities` entries (indexed per Type:id) of the entity and of those it
 * `affects` (whose fields derive from it, like Organization.memberCount), and the cached answers
 * tagged with any of them or with a list over a subtree the change lies in (see ResponseTags).
 */
export class Invalidator {
  private readonly consumers = new Map<string, Consumer>();
  private readonly redis: Redis;
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly opts: {
      redisUrl: string;
      store: CacheStore;
      entityCache: EntityCache;
      index: TagIndex;
      tags: ResponseTags;
      metrics: Metrics;
      log: Logger;
    },
  ) {
    this.redis = createRedis(opts.redisUrl, 'gateway-events');
    this.redis.on('error', () => undefined);
  }

  /** Starts reading the streams of subgraphs not read yet (a new supergraph may add some). */
  async follow(subgraphs: string[]): Promise<void> {
    for (const name of subgraphs) {
      if (this.consumers.has(name) || this.stopped) continue;
      let consumer: Consumer;
      try {
        consumer = await startConsumer({
          redis: this.redis,
          keyspace: this.opts.store.keyspace,
          source: name,
          group: 'gateway',
          // Replicas in containers all run as pid 1: the host name tells them apart.
          consumer: `gateway-${hostname()}-${process.pid}`,
          handle: (events) => this.handle(name, events),
          onError: (err) =>
            this.opts.log.warn({ err, subgraph: name }, 'change stream read failed; retrying'),
        });
      } catch (err) {
        // Redis is down at start: caches are bypassed meanwhile, so nothing can go stale.
        this.opts.log.warn({ err, subgraph: name }, 'cannot read change stream yet; retrying');
        this.retry ??= setTimeout(() => {
          this.retry = undefined;
          void this.follow(subgraphs);
        }, 2000).unref();
        continue;
      }
      this.consumers.set(name, consumer);
    }
  }

  private async handle(subgraph: string, batch: ChangeEvent[]): Promise<void> {
    // A source re-publishing its current state on request changed nothing it serves; the read
    // models that did change relay what they applied, and those relays invalidate.
    const events = batch.filter((e) => !e.resync || e.relayedFrom);
    if (events.length === 0) return;
    const tags = this.opts.tags.ofEvents(subgraph, events, this.opts.entityCache);
    // Errors propagate: the batch is not acknowledged and is read again.
    const dropped = await this.opts.index.drop(this.redis, tags.responses, tags.entities);
    this.opts.metrics.invalidations.inc({ layer: 'response' }, dropped.responses);
    this.opts.metrics.invalidations.inc({ layer: 'entity' }, dropped.entities);
  }

  /** Resolves once every change published before the call (by the given subgraphs) has been applied. */
  async caughtUp(subgraphs?: Iterable<string>): Promise<void> {
    const names = subgraphs ? [...subgraphs] : [...this.consumers.keys()];
    await Promise.all(names.map((name) => this.consumers.get(name)?.caughtUp()));
  }

  /**
   * Resolves once every gateway replica together has applied every change the given subgraphs
   * published before the call (each event goes to one replica of the group), or at `deadline`.
   */
  async appliedEverywhere(subgraphs: Iterable<string>, deadline: number): Promise<void> {
    await Promise.all([...subgraphs].map((name) => this.consumers.get(name)?.groupCaughtUp(deadline)));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    // A read queued while Redis is unreachable never settles after disconnect (ioredis keeps it
    // in its offline queue), so a consumer gets a bounded wait rather than hanging the shutdown.
    const bounded = (p: Promise<void>) =>
      Promise.race([p, new Promise<void>((r) => setTimeout(r, 1000).unref())]);
    await Promise.all([...this.consumers.values()].map((c) => bounded(c.stop())));
    this.redis.disconnect();
  }
}
