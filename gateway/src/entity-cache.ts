import { createHash } from 'node:crypto';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import type { Caller } from '@union-graph/auth';
import type { CacheStore } from './cache-store';
import { Cacheability } from './cacheability';
import type { Metrics } from './metrics';
import { type TaggedEntry, TagIndex } from './tag-index';

type Representation = Record<string, unknown> & { __typename: string };
interface Entry {
  v: unknown;
  /** Expiry (ms since epoch) and scope of the subgraph's cache hint. */
  exp: number;
  scope?: 'PRIVATE' | 'PUBLIC';
}
export interface CacheHint {
  maxAge: number;
  scope?: 'PRIVATE' | 'PUBLIC';
}

/** Key order never changes what a representation means. */
function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

const sha1 = (s: string) => createHash('sha1').update(s).digest('base64url');

/**
 * Everything that decides what a subgraph shows a caller: roles, the subtree, the member, and the
 * client (a service client sees the personal-data kinds its client is registered for).
 */
export function scopeKey(caller: Caller): string {
  return [
    [...caller.roles].sort().join('+'),
    caller.orgId ?? '*',
    caller.memberId ?? '',
    caller.client ?? '',
    // Answers are worded in the caller's language (labels, messages).
    caller.language ?? 'zh',
  ].join('|');
}

export function parseCacheControl(header: string | null | undefined): CacheHint {
  const maxAge = /(?:^|,)\s*max-age=(\d+)/.exec(header ?? '')?.[1];
  const hint: CacheHint = { maxAge: maxAge && !/no-store/.test(header ?? '') ? Number(maxAge) : 0 };
  if (/\bprivate\b/.test(header ?? '')) hint.scope = 'PRIVATE';
  else if (/\bpublic\b/.test(header ?? '')) hint.scope = 'PUBLIC';
  return hint;
}

const hintOf = (response: GatewayGraphQLResponse) =>
  parseCacheControl(response.http?.headers.get('cache-control'));

/**
 * The `_entities` layer: each representation's answer is cached per subgraph, selection, caller
 * scope, type and key, for as long as the subgraph's cache hint allows (no hint, no caching). A
 * change event for Type:id deletes every entry of that entity (indexed in a set per entity).
 * A fetch's representations are looked up in one MGET, with the drop sequence (see tag-index.ts);
 * a fetch (subgraph and selection, hence entity types) whose last clean answer had no hint is not
 * looked up at all.
 */
export class EntityCache {
  private readonly cacheability = new Cacheability();

  constructor(
    private readonly store: CacheStore,
    private readonly metrics: Metrics,
    private readonly index: TagIndex,
  ) {}

  /** The index of one entity's entries; its id is hashed with the store's key (ids may be personal). */
  tagKey(type: string, id: string): string {
    return this.store.key('entity-tag', type, this.store.cipher.id(id));
  }

  /** Scope and representation are hashed with the store's key: neither a plain nor a guessable hash. */
  private entryKey(subgraph: string, selection: string, scope: string, rep: Representation): string {
    const { cipher } = this.store;
    return this.store.key(
      'entity',
      subgraph,
      selection,
      cipher.id(scope),
      rep.__typename,
      cipher.id(stable(rep)),
    );
  }

  /** A sealed entry that is absent, expired, tampered or sealed with another key reads as a miss. */
  private open(sealed: Buffer | null | undefined, key: string): Entry | undefined {
    const plain = this.store.cipher.open(sealed, key);
    if (plain === undefined) return undefined;
    try {
      const entry = JSON.parse(plain) as Entry;
      return entry && typeof entry.exp === 'number' && entry.exp > Date.now() ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  async fetch(opts: {
    subgraph: string;
    query: string;
    caller: Caller;
    representations: Representation[];
    /** Fetches the given representations from the subgraph. */
    send: (representations: Representation[]) => Promise<GatewayGraphQLResponse>;
    /** Narrows the request's overall cache policy by what was served from the cache. */
    restrict: (hint: CacheHint) => void;
  }): Promise<GatewayGraphQLResponse> {
    const { representations: reps } = opts;
    const learnedAs = `${opts.subgraph}|${opts.query}`;
    const lookUp = this.cacheability.worthLookingUp(learnedAs);
    // Keys cost hashing: a fetch that is neither looked up nor stored computes none.
    let keys: string[] | undefined;
    const keysOf = () => {
      if (!keys) {
        const selection = sha1(opts.query);
        const scope = scopeKey(opts.caller);
        keys = reps.map((r) => this.entryKey(opts.subgraph, selection, scope, r));
      }
      return keys;
    };
    const now = Date.now();
    const values: unknown[] = new Array(reps.length).fill(null);
    const missing: number[] = [];
    // Not looked up: any drop of one of these entities in the last minutes refuses the store.
    let since = 0;
    if (lookUp) {
      const found = keysOf();
      const raw = (await this.store.run((r) => r.mgetBuffer(...found, this.index.sequenceKey))) ?? [];
      since = TagIndex.since(raw[found.length]);
      reps.forEach((_, i) => {
        const entry = this.open(raw[i], found[i]!);
        if (entry) {
          values[i] = entry.v;
          opts.restrict({ maxAge: Math.max(0, Math.floor((entry.exp - now) / 1000)), scope: entry.scope });
        } else missing.push(i);
      });
      this.metrics.cache.inc({ layer: 'entity', result: 'hit' }, reps.length - missing.length);
      this.metrics.cache.inc({ layer: 'entity', result: 'miss' }, missing.length);
    } else {
      missing.push(...reps.keys());
      this.metrics.cache.inc({ layer: 'entity', result: 'skip' }, reps.length);
    }
    if (missing.length === 0) return { data: { _entities: values } };

    const response = await opts.send(missing.map((i) => reps[i]!));
    const fetched = (response.data as { _entities?: unknown[] } | null | undefined)?._entities;
    const failed = new Set<number>();
    const errors = response.errors?.map((e) => {
      const [root, at, ...rest] = e.path ?? [];
      if (root !== '_entities' || typeof at !== 'number') return e;
      failed.add(at);
      return { ...e, path: [root, missing[at]!, ...rest] };
    });
    if (!Array.isArray(fetched)) return { ...response, errors };
    missing.forEach((i, j) => {
      values[i] = fetched[j] ?? null;
    });

    const hint = hintOf(response);
    if (!response.errors) this.cacheability.observe(learnedAs, hint.maxAge > 0);
    if (hint.maxAge > 0 && !(response.errors && !failed.size)) {
      const stored = keysOf();
      const entries: TaggedEntry[] = [];
      missing.forEach((i, j) => {
        const id = reps[i]!.id;
        // Without an id no change event can reach the entry, so it is never stored.
        if (failed.has(j) || typeof id !== 'string') return;
        const entry: Entry = { v: fetched[j] ?? null, exp: now + hint.maxAge * 1000, scope: hint.scope };
        const key = stored[i]!;
        entries.push({
          key,
          value: this.store.cipher.seal(JSON.stringify(entry), key),
          tags: [this.tagKey(reps[i]!.__typename, id)],
        });
      });
      await this.index.put(entries, hint.maxAge, since);
    }
    return { ...response, data: { ...response.data, _entities: values }, errors };
  }
}
