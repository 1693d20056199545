import type { ChangeEvent, Consumer } from './events';
import { startConsumer } from './events';
import type { Logger } from './logger';
import type { RedisClient } from './redis';

/**
 * Read models converge on their source. A read model that sees an event contradict what it holds
 * (two contents at one version, a gap) asks the source for those entities again; every read model
 * also asks for everything periodically and whenever its stream was lost (Redis restarted without
 * persistence). Requests go on the source's resync stream — subgraphs hold no credential to call
 * the gateway or each other — and the source answers by re-publishing current state on its change
 * stream, marked `resync`, which read models take even at a version they already hold.
 */
export function resyncKey(keyspace: string, source: string): string {
  return `${keyspace}resync:${source}`;
}

/** Asks `source` to re-publish the current state of `ids` (or of everything). */
export async function requestResync(
  redis: RedisClient,
  keyspace: string,
  source: string,
  requester: string,
  ids: readonly string[] | 'all',
): Promise<void> {
  if (ids !== 'all' && ids.length === 0) return;
  const event: ChangeEvent = {
    type: 'ResyncRequest',
    id: requester,
    op: 'upsert',
    version: 0,
    // When it was asked: a full answer begun later answers it (see startResyncResponder).
    data: { ids, at: Date.now() },
  };
  await redis.xadd(resyncKey(keyspace, source), 'MAXLEN', '~', 10_000, '*', 'event', JSON.stringify(event));
}

export interface ResyncResponderOptions {
  redis: RedisClient;
  keyspace: string;
  /** The source subgraph (this one). */
  name: string;
  consumer: string;
  /** The current state of the entities asked for, as change events (all of them for 'all'). */
  republish: (ids: string[] | 'all') => Promise<ChangeEvent[]>;
  send: (events: ChangeEvent[]) => Promise<void>;
  log: Logger;
}

/**
 * The source's side: answers resync requests by re-publishing current state in batches. Requests
 * for everything made before the last full answer began are already answered by it, so several
 * read models asking at once (start-up, their periodic timers) cost one answer.
 */
export function startResyncResponder(opts: ResyncResponderOptions): Promise<Consumer> {
  let lastAllStarted = 0;
  return startConsumer({
    redis: opts.redis,
    keyspace: opts.keyspace,
    source: opts.name,
    key: resyncKey(opts.keyspace, opts.name),
    group: `${opts.name}-resync`,
    consumer: opts.consumer,
    onError: (err) => opts.log.error({ err }, 'resync requests failed; retrying'),
    handle: async (requests) => {
      const asked = requests.map((r) => r.data as { ids: string[] | 'all'; at?: number });
      let ids: string[] | 'all' = [...new Set(asked.flatMap((a) => (a.ids === 'all' ? [] : a.ids)))];
      const wholeAskedAt = asked.filter((a) => a.ids === 'all').map((a) => a.at ?? Date.now());
      if (wholeAskedAt.length && Math.max(...wholeAskedAt) >= lastAllStarted) {
        lastAllStarted = Date.now();
        ids = 'all';
      }
      if (ids !== 'all' && ids.length === 0) return;
      const events = (await opts.republish(ids)).map((e) => ({ ...e, resync: true }));
      for (let i = 0; i < events.length; i += 500) await opts.send(events.slice(i, i + 500));
      opts.log.info({ entities: events.length, all: ids === 'all' }, 'republished current state on request');
    },
  });
}
