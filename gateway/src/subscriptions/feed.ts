import { type ChangeEvent, createRedis, type Logger, streamKey } from '@union-graph/subgraph-kit';
import type { Redis } from 'ioredis';

/** A change event with its Redis stream entry id (the SSE event id a client resumes from). */
export interface FeedEvent {
  id: string;
  event: ChangeEvent;
}

export type FeedListener = (stream: string, events: FeedEvent[]) => Promise<void>;

type Entries = [string, string[]][];

const START_WAIT_MS = 2000;

function feedEvents(entries: Entries): FeedEvent[] {
  return entries.flatMap(([id, fields]) => {
    const raw = fields[fields.indexOf('event') + 1];
    return fields.includes('event') && raw ? [{ id, event: JSON.parse(raw) as ChangeEvent }] : [];
  });
}

/** Stream entry ids in order ("<ms>-<seq>"). */
export function compareIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

/**
 * The subgraphs' change streams as this gateway process sees them, for subscriptions. Unlike cache
 * invalidation (one consumer group for all gateways, each event handled once), every gateway
 * instance must see every event, so this is a plain XREAD from the streams' tail — one blocking
 * reader for all streams, per process, shared by every subscriber. Events of one stream reach the
 * listener in order, one batch at a time; reading goes on meanwhile.
 */
export class ChangeFeed {
  private readonly reader: Redis;
  private readonly redis: Redis;
  private readonly positions = new Map<string, string>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly listeners: FeedListener[] = [];
  private stopped = false;
  private wake: (() => void) | undefined;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly opts: {
      redisUrl: string;
      keyspace: string;
      streams: readonly string[];
      log: Logger;
      blockMs?: number;
    },
  ) {
    this.redis = createRedis(opts.redisUrl, 'gateway-subscriptions');
    this.reader = createRedis(opts.redisUrl, 'gateway-subscriptions-reader');
    for (const r of [this.redis, this.reader]) r.on('error', () => undefined);
  }

  private key(stream: string): string {
    return streamKey(this.opts.keyspace, stream);
  }

  on(listener: FeedListener): void {
    this.listeners.push(listener);
  }

  /**
   * Reads from each stream's current tail: what is appended from now on. A Redis that does not
   * answer soon does not hold the gateway's start: the streams are then read from whatever comes
   * next (`$`), and subscribers get events once it is back.
   */
  async start(): Promise<void> {
    const tails = Promise.all(
      this.opts.streams.map(async (stream) => {
        const last = (await this.redis.xrevrange(this.key(stream), '+', '-', 'COUNT', 1))[0]?.[0];
        this.positions.set(stream, last ?? '0-0');
      }),
    );
    tails.catch(() => undefined);
    const late = new Promise((r) => setTimeout(r, START_WAIT_MS).unref());
    if (
      (await Promise.race([
        tails.then(
          () => true,
          () => false,
        ),
        late,
      ])) !== true
    ) {
      this.opts.log.warn('change streams unreadable at start; subscriptions wait for Redis');
      for (const stream of this.opts.streams)
        if (!this.positions.has(stream)) this.positions.set(stream, '$');
    }
    this.loop = this.read();
  }

  /** Up to `max` events of `stream` after `afterId` (a resuming SSE stream's Last-Event-ID). */
  async replay(stream: string, afterId: string, max: number): Promise<FeedEvent[]> {
    return feedEvents(
      (await this.redis.xrange(this.key(stream), `(${afterId}`, '+', 'COUNT', max)) as Entries,
    );
  }

  private async read(): Promise<void> {
    const streams = this.opts.streams;
    const stopping = new Promise<null>((resolve) => {
      this.wake = () => resolve(null);
    });
    while (!this.stopped) {
      try {
        const read = this.reader.xread(
          'COUNT',
          500,
          'BLOCK',
          this.opts.blockMs ?? 1000,
          'STREAMS',
          ...streams.map((s) => this.key(s)),
          ...streams.map((s) => this.positions.get(s)!),
        );
        read.catch(() => undefined);
        const reply = (await Promise.race([read, stopping])) as [string, Entries][] | null;
        for (const [key, entries] of reply ?? []) {
          const stream = streams.find((s) => this.key(s) === key)!;
          this.positions.set(stream, entries.at(-1)![0]);
          this.dispatch(stream, feedEvents(entries));
        }
      } catch (err) {
        if (this.stopped) break;
        this.opts.log.warn({ err }, 'subscription feed read failed; retrying');
        await Promise.race([stopping, new Promise((r) => setTimeout(r, 500).unref())]);
      }
    }
  }

  /** In order per stream: a batch waits for the one before it. */
  private dispatch(stream: string, events: FeedEvent[]): void {
    const before = this.pending.get(stream) ?? Promise.resolve();
    const next = before.then(async () => {
      for (const listener of this.listeners)
        await listener(stream, events).catch((err: unknown) =>
          this.opts.log.error({ err, stream }, 'subscription events not delivered'),
        );
    });
    this.pending.set(stream, next);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    // Batches being delivered finish on their own (each query has the request timeout).
    await this.loop;
    this.reader.disconnect();
    this.redis.disconnect();
  }
}
