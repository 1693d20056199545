import { duplicateRedis, type RedisClient } from './redis';

/**
 * Change events: every subgraph appends what it changed to its own Redis Stream
 * (`<keyspace>events:<subgraph>`), so other subgraphs keep local read models and the gateway
 * invalidates cached entities without reading anyone's database.
 */
export interface ChangeEvent<T = unknown> {
  /** The GraphQL type that changed, e.g. "Organization". */
  type: string;
  id: string;
  op: 'upsert' | 'delete';
  /** A snapshot of what consumers need; consumers replace, never merge, so replays are harmless. */
  data?: T;
  /** Monotonic per entity (e.g. a document version), so consumers can drop stale replays. */
  version: number;
  /**
   * Other entities whose fields in this subgraph derive from the change, e.g. a new member
   * changes `Organization.memberCount` in members. The gateway drops their cached entries too.
   */
  affects?: EntityRef[];
  /**
   * Every union whose subtree the change lies in: the unions it is or affects and their ancestors
   * (set by the kit when it publishes, see withOrgPaths). The gateway drops cached lists and counts
   * over those subtrees only; an event without it drops every list drawn on its subgraph.
   */
  orgs?: string[];
  /**
   * Set when a subgraph re-publishes a change it applied to a read model (see `relayEvents`);
   * read models skip these, the gateway invalidates by them.
   */
  relayedFrom?: string;
  /**
   * Set when the source re-publishes an entity's current state on request (see resync.ts): a read
   * model takes it even at a version it already holds, since the source's copy is the truth.
   */
  resync?: boolean;
}

/**
 * What a read model just applied from another subgraph's stream (its `ownEvents`), for this
 * subgraph's own stream: the gateway then drops what this subgraph answered from the old state,
 * and only once the new state is in place (the source's own event may reach the gateway first).
 * Snapshots stay behind.
 */
export function relayEvents(applied: readonly ChangeEvent[], source: string): ChangeEvent[] {
  return applied.map(({ type, id, op, version, affects, orgs }) => ({
    type,
    id,
    op,
    version,
    affects,
    orgs,
    relayedFrom: source,
  }));
}

const unionsOf = (e: ChangeEvent) => [
  ...(e.type === 'Organization' ? [e.id] : []),
  ...(e.affects ?? []).filter((r) => r.type === 'Organization').map((r) => r.id),
];

/**
 * The events with their `orgs` (the unions they are or affect, with every ancestor), and, for
 * subgraphs whose `Organization` fields aggregate over subtrees (`ancestorsAffected`), every union
 * they affect extended to its ancestors. One directory read per batch.
 */
export async function withOrgPaths(
  events: ChangeEvent[],
  lookup: { byIds(ids: readonly string[]): Promise<{ _id: string; path: string[] }[]> },
  ancestorsAffected = false,
): Promise<ChangeEvent[]> {
  const unions = new Set(events.flatMap(unionsOf));
  if (unions.size === 0) return events;
  const paths = new Map((await lookup.byIds([...unions])).map((o) => [o._id, o.path]));
  const pathOf = (id: string) => paths.get(id) ?? [id];
  return events.map((e) => {
    const own = unionsOf(e);
    if (own.length === 0) return e;
    const affects =
      ancestorsAffected && e.affects
        ? uniqueRefs(e.affects.flatMap((r) => (r.type === 'Organization' ? pathOf(r.id).map(orgRef) : [r])))
        : e.affects;
    return { ...e, affects, orgs: [...new Set(own.flatMap(pathOf))] };
  });
}

/** The events a read model applies: the source's own, not those it relays from elsewhere. */
export const ownEvents = (events: readonly ChangeEvent[]) => events.filter((e) => !e.relayedFrom);

export interface EntityRef {
  type: string;
  id: string;
}

/** The union a record belongs to: most records feed fields this subgraph adds to `Organization`. */
export const orgRef = (id: string): EntityRef => ({ type: 'Organization', id });
export const memberRef = (id: string): EntityRef => ({ type: 'Member', id });

/** Each entity once, in first-seen order; absent ids (a record without a member) are dropped. */
export function uniqueRefs(refs: Iterable<EntityRef | null | undefined>): EntityRef[] {
  const seen = new Map<string, EntityRef>();
  for (const ref of refs) {
    const key = ref?.id ? `${ref.type}:${ref.id}` : null;
    if (ref && key && !seen.has(key)) seen.set(key, ref);
  }
  return [...seen.values()];
}

/** Streams keep this many recent events; read models bootstrap from the start of the stream. */
export const STREAM_MAX_LEN = 1_000_000;

export function streamKey(keyspace: string, subgraph: string): string {
  return `${keyspace}events:${subgraph}`;
}

export async function publishChanges(
  redis: RedisClient,
  keyspace: string,
  subgraph: string,
  events: readonly ChangeEvent[],
): Promise<void> {
  if (events.length === 0) return;
  const key = streamKey(keyspace, subgraph);
  const pipeline = redis.pipeline();
  for (const e of events) {
    pipeline.xadd(key, 'MAXLEN', '~', STREAM_MAX_LEN, '*', 'event', JSON.stringify(e));
  }
  const results = await pipeline.exec();
  const failed = results?.find(([err]) => err);
  if (failed?.[0]) throw failed[0];
}

export interface ConsumerOptions {
  redis: RedisClient;
  keyspace: string;
  /** The subgraph whose stream to read. */
  source: string;
  /** Another stream of the source's than its change events (e.g. its resync requests). */
  key?: string;
  /**
   * Called when the stream or the group vanished (Redis restarted without persistence): the group
   * is made again, and what the read model missed must be asked for again.
   */
  onStreamLost?: () => void;
  /** Consumer group: one per reading service, so each event is handled once per service. */
  group: string;
  /**
   * For a new group: the stream entry after which it starts (a read model built from the database
   * once that entry was written); by default the start of the stream.
   */
  after?: string;
  consumer: string;
  handle: (events: ChangeEvent[]) => Promise<void>;
  blockMs?: number;
  batch?: number;
  onError?: (error: unknown) => void;
}

export interface Consumer {
  /** Resolves once every event appended before the call has been handled. */
  caughtUp(): Promise<void>;
  /**
   * Resolves once every event appended before the call has been handled by any consumer of the
   * group (replicas share a group, and each event goes to one of them): true; false at `deadline`
   * (epoch ms).
   */
  groupCaughtUp(deadline: number): Promise<boolean>;
  stop(): Promise<void>;
}

type StreamReply = [string, [string, string[]][]][] | null;

/** What XINFO GROUPS says of one consumer group of a stream (Redis 7 fields), if it exists. */
export async function groupInfo(
  redis: RedisClient,
  key: string,
  group: string,
): Promise<Record<string, unknown> | undefined> {
  const groups = (await redis.xinfo('GROUPS', key)) as unknown[][];
  return groups
    .map((flat) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) o[String(flat[i])] = flat[i + 1];
      return o;
    })
    .find((g) => g.name === group);
}

function parseEntries(entries: [string, string[]][]): { ids: string[]; events: ChangeEvent[] } {
  const ids: string[] = [];
  const events: ChangeEvent[] = [];
  for (const [id, fields] of entries) {
    ids.push(id);
    const at = fields.indexOf('event');
    const raw = at >= 0 ? fields[at + 1] : undefined;
    if (raw) events.push(JSON.parse(raw) as ChangeEvent);
  }
  return { ids, events };
}

/**
 * The most events one read hands to `handle`. A caught-up consumer gets what arrived since its last
 * read (a few); one behind (a read model after a restart, a bulk import) takes its backlog in
 * batches this large. Each batch costs its handler one read of what it holds for those ids, which
 * on FerretDB scans the collection whatever the number of ids, so the batch size sets how many
 * scans a catch-up costs: 222,000 snapshot events at the large scale are 45 batches, not 444.
 */
export const CONSUMER_BATCH = 5_000;

/** How often `groupCaughtUp` asks Redis about the other consumers' progress. */
const GROUP_POLL_MS = 5;

/**
 * Reads a stream through a consumer group with a dedicated connection (XREADGROUP blocks it).
 * Pending entries from a crashed run are handled first; entries are acknowledged after `handle`
 * succeeds, so a failure means a retry, never a loss.
 */
export async function startConsumer(opts: ConsumerOptions): Promise<Consumer> {
  const { keyspace, source, group, consumer, handle, blockMs = 1000, batch = CONSUMER_BATCH } = opts;
  const key = opts.key ?? streamKey(keyspace, source);
  const reader = duplicateRedis(opts.redis, `${group}-consumer`);
  const createGroup = async () => {
    try {
      await reader.xgroup('CREATE', key, group, opts.after ?? '0', 'MKSTREAM');
    } catch (e) {
      if (!String(e).includes('BUSYGROUP')) throw e;
    }
  };
  await createGroup();
  // While Redis is unreachable, a new read fails at once (and the loop retries) rather than waiting
  // in ioredis' offline queue.
  reader.options.enableOfflineQueue = false;

  let stopped = false;
  // A blocked read whose connection dropped is kept by ioredis for a reconnect that a stop cancels,
  // so it would never settle: stop() ends the wait on it instead.
  let signalStop!: () => void;
  const stopping = new Promise<null>((resolve) => {
    signalStop = () => resolve(null);
  });
  let lastHandled = opts.after ?? '0-0';
  const waiters: { target: string; resolve: () => void }[] = [];
  const cmp = (a: string, b: string) => {
    const [am = 0, as = 0] = a.split('-').map(Number);
    const [bm = 0, bs = 0] = b.split('-').map(Number);
    return am === bm ? as - bs : am - bm;
  };
  const settle = () => {
    for (let i = waiters.length - 1; i >= 0; i--) {
      const w = waiters[i]!;
      if (cmp(lastHandled, w.target) >= 0) {
        waiters.splice(i, 1);
        w.resolve();
      }
    }
  };

  const readOnce = async (from: string, block: boolean) => {
    const args: (string | number)[] = ['GROUP', group, consumer, 'COUNT', batch];
    if (block) args.push('BLOCK', blockMs);
    const read = (reader.xreadgroup as (...a: (string | number)[]) => Promise<unknown>)(
      ...args,
      'STREAMS',
      key,
      from,
    );
    read.catch(() => undefined);
    const reply = (await Promise.race([read, stopping])) as StreamReply;
    const entries = reply?.[0]?.[1] ?? [];
    if (entries.length === 0) return 0;
    const { ids, events } = parseEntries(entries);
    if (events.length) await handle(events);
    await reader.xack(key, group, ...ids);
    lastHandled = ids.at(-1)!;
    settle();
    return entries.length;
  };

  const loop = (async () => {
    // Our own pending entries first (delivered before a crash, never acknowledged).
    while (!stopped && (await readOnce('0', false)) > 0);
    while (!stopped) {
      try {
        await readOnce('>', true);
      } catch (e) {
        if (stopped) break;
        if (String(e).includes('NOGROUP')) {
          await createGroup().catch(() => undefined);
          lastHandled = '0-0';
          opts.onStreamLost?.();
          continue;
        }
        opts.onError?.(e);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  })();

  return {
    async caughtUp() {
      const last = (await opts.redis.xrevrange(key, '+', '-', 'COUNT', 1))[0]?.[0];
      if (!last || cmp(lastHandled, last) >= 0) return;
      await new Promise<void>((resolve) => waiters.push({ target: last, resolve }));
    },
    async groupCaughtUp(deadline) {
      const last = (await opts.redis.xrevrange(key, '+', '-', 'COUNT', 1))[0]?.[0];
      if (!last) return true;
      for (;;) {
        if (cmp(lastHandled, last) >= 0) return true;
        if (Date.now() >= deadline || stopped) return false;
        const [info, pending] = await Promise.all([
          groupInfo(opts.redis, key, group),
          opts.redis.xpending(key, group, '-', last, 1) as Promise<unknown[]>,
        ]);
        const delivered = info?.['last-delivered-id'];
        if (typeof delivered === 'string' && cmp(delivered, last) >= 0 && pending.length === 0) return true;
        await new Promise((r) => setTimeout(r, GROUP_POLL_MS));
      }
    },
    async stop() {
      stopped = true;
      signalStop();
      reader.disconnect();
      await loop.catch(() => undefined);
    },
  };
}
