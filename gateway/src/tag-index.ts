import type { Redis } from 'ioredis';
import type { CacheStore } from './cache-store';

/**
 * How long a dropped tag remembers when it was dropped: longer than any request runs between its
 * first cache read and its store (the request timeout, 30 s by default), so a store computed
 * before the drop is refused.
 */
const DROPPED_FOR_S = 300;

/**
 * Stores entries unless one of their tags was dropped after `since`, and indexes them under
 * their tags (tag sets live at least as long as their entries). Atomic, so a drop is either seen
 * here or sees the stored entry.
 * KEYS: n entries, m tags, m dropped markers. ARGV: since, ttl, n, m, n values, m owning entries.
 */
const STORE = `
local since, ttl, n, m = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local dead = {}
for j = 1, m do
  local dropped = redis.call('GET', KEYS[n + m + j])
  if dropped and tonumber(dropped) > since then dead[tonumber(ARGV[4 + n + j])] = true end
end
local stored = 0
for i = 1, n do
  if not dead[i] then
    redis.call('SET', KEYS[i], ARGV[4 + i], 'EX', ttl)
    stored = stored + 1
  end
end
for j = 1, m do
  local owner = tonumber(ARGV[4 + n + j])
  if not dead[owner] then
    redis.call('SADD', KEYS[n + j], KEYS[owner])
    redis.call('EXPIRE', KEYS[n + j], ttl, 'GT')
    redis.call('EXPIRE', KEYS[n + j], ttl, 'NX')
  end
end
return stored
`;

/**
 * Deletes every entry indexed under the tags and the tags, and marks each tag dropped at a new
 * sequence number: the server's clock in microseconds, so it keeps rising across a Redis restart
 * that lost the counter. Returns how many entries the first \`split\` tags and the rest held.
 * KEYS: the sequence, t tags, t dropped markers. ARGV: marker TTL, split.
 */
const DROP = `
local now = redis.call('TIME')
local last = tonumber(redis.call('GET', KEYS[1]) or '0')
local seq = string.format('%.0f', math.max(tonumber(now[1]) * 1000000 + tonumber(now[2]), last + 1))
redis.call('SET', KEYS[1], seq)
local t = (#KEYS - 1) / 2
local counts = {0, 0}
for j = 1, t do
  local members = redis.call('SMEMBERS', KEYS[1 + j])
  for k = 1, #members, 1000 do
    redis.call('DEL', unpack(members, k, math.min(k + 999, #members)))
  end
  local layer = j <= tonumber(ARGV[2]) and 1 or 2
  counts[layer] = counts[layer] + #members
  redis.call('DEL', KEYS[1 + j])
  redis.call('SET', KEYS[1 + t + j], seq, 'EX', ARGV[1])
end
return counts
`;

type Scripts = Redis & {
  ugStoreTagged(...args: (string | number | Buffer)[]): Promise<number>;
  ugDropTags(...args: (string | number)[]): Promise<[number, number]>;
};

function withScripts(redis: Redis): Scripts {
  if (!('ugStoreTagged' in redis)) {
    redis.defineCommand('ugStoreTagged', { lua: STORE });
    redis.defineCommand('ugDropTags', { lua: DROP });
  }
  return redis as Scripts;
}

export interface TaggedEntry {
  key: string;
  value: Buffer;
  tags: string[];
}

/**
 * The index from tags (an entity, a type, a subtree, a subgraph's lists) to the cached entries
 * that depend on them, shared by every gateway replica through Redis. A request reads the drop
 * sequence together with its first cache lookup (`since`, no extra round trip) and stores what
 * it computed only if none of the entries' tags was dropped after that: an event handled by any
 * replica while the request ran keeps its possibly stale answer out of the cache.
 */
export class TagIndex {
  readonly sequenceKey: string;

  constructor(private readonly store: CacheStore) {
    this.sequenceKey = store.key('tags-dropped-seq');
  }

  private droppedKey(tag: string): string {
    return `${tag}|dropped`;
  }

  /** The drop sequence as read beside a lookup (absent: nothing dropped yet). */
  static since(raw: Buffer | string | null | undefined): number {
    return raw ? Number(raw.toString()) : 0;
  }

  /** Stores what is still fresh; `undefined` when Redis did not answer. */
  async put(entries: TaggedEntry[], ttl: number, since: number): Promise<number | undefined> {
    const tags = entries.flatMap((e, i) => e.tags.map((tag) => ({ tag, owner: i + 1 })));
    if (entries.length === 0) return 0;
    return this.store.run((r) =>
      withScripts(r).ugStoreTagged(
        entries.length + tags.length * 2,
        ...entries.map((e) => e.key),
        ...tags.map((t) => t.tag),
        ...tags.map((t) => this.droppedKey(t.tag)),
        since,
        Math.ceil(ttl),
        entries.length,
        tags.length,
        ...entries.map((e) => e.value),
        ...tags.map((t) => t.owner),
      ),
    );
  }

  /**
   * Drops everything indexed under the tags in one round trip, on the given connection (the
   * invalidator's: its errors must reach it, not read as a cache miss). Counts entries per group.
   */
  async drop(
    redis: Redis,
    responseTags: string[],
    entityTags: string[],
  ): Promise<{ responses: number; entities: number }> {
    const tags = [...responseTags, ...entityTags];
    if (tags.length === 0) return { responses: 0, entities: 0 };
    const [responses, entities] = await withScripts(redis).ugDropTags(
      1 + tags.length * 2,
      this.sequenceKey,
      ...tags,
      ...tags.map((t) => this.droppedKey(t)),
      DROPPED_FOR_S,
      responseTags.length,
    );
    return { responses, entities };
  }
}
