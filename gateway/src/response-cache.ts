import type { GraphQLRequestContext } from '@apollo/server';
import type { KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { ChangeEvent } from '@union-graph/subgraph-kit';
import type { CacheStore } from './cache-store';
import type { EntityCache } from './entity-cache';
import { RedisKeyValueCache } from './kv-cache';
import type { Metrics } from './metrics';
import { type RequestTrace, requestTraces } from './request-trace';
import { responseDependencies } from './response-tags';
import type { GatewayContext } from './signed-data-source';
import { TagIndex } from './tag-index';

const WHOLE_COUNTRY = '*';

/**
 * The response cache's tags (see response-tags.ts). Ids, of entities and of unions alike, are
 * hashed with the store's key: a tag names no resident or member, and cannot be guessed back.
 */
export class ResponseTags {
  constructor(private readonly store: CacheStore) {}

  entity(type: string, id: string): string {
    return this.store.key('response-tag', 'e', type, this.store.cipher.id(id));
  }
  type(type: string): string {
    return this.store.key('response-tag', 't', type);
  }
  subtree(org: string): string {
    return this.store.key('response-tag', 's', org === WHOLE_COUNTRY ? org : this.store.cipher.id(org));
  }
  /** Lists drawn on a subgraph, for its events that name no union. */
  lists(subgraph: string): string {
    return this.store.key('response-tag', 'l', subgraph);
  }

  /** What a stored answer is indexed under. */
  ofAnswer(trace: RequestTrace): string[] {
    const deps = trace.dependencies!;
    return [
      ...[...deps.entities].flatMap(([type, ids]) => [...ids].map((id) => this.entity(type, id))),
      ...[...deps.types].map((t) => this.type(t)),
      ...[...deps.subtrees].map((o) => this.subtree(o)),
      ...(deps.lists ? [...trace.subgraphs].map((s) => this.lists(s)) : []),
    ];
  }

  /**
   * What a subgraph's events make stale, in both layers: answers showing an entity changed or
   * affected, or one of their types without its id; lists over a subtree the change lies in (or,
   * for events that name no union, every list drawn on the subgraph); and `_entities` entries.
   */
  ofEvents(subgraph: string, events: ChangeEvent[], entityCache: EntityCache) {
    const responses = new Set<string>();
    const entities = new Set<string>();
    for (const e of events) {
      for (const ref of [e, ...(e.affects ?? [])]) {
        responses.add(this.entity(ref.type, ref.id));
        responses.add(this.type(ref.type));
        entities.add(entityCache.tagKey(ref.type, ref.id));
      }
      if (e.orgs?.length) for (const org of [...e.orgs, WHOLE_COUNTRY]) responses.add(this.subtree(org));
      else responses.add(this.lists(subgraph));
    }
    return { responses: [...responses], entities: [...entities] };
  }
}

/**
 * Apollo's response cache layer: the lookup reads the drop sequence in the same round trip, and
 * an answer is stored, indexed under its tags, only if none was dropped since (see tag-index.ts).
 */
export class ResponseCache extends RedisKeyValueCache {
  constructor(
    store: CacheStore,
    metrics: Metrics,
    private readonly index: TagIndex,
    private readonly tags: ResponseTags,
  ) {
    super(store, 'response', metrics);
  }

  protected override async read(full: string): Promise<Buffer | null | undefined> {
    const replies = await this.store.run((r) =>
      r.pipeline().getBuffer(full).getBuffer(this.index.sequenceKey).exec(),
    );
    const [[entryError, sealed] = [], [seqError, seq] = []] = replies ?? [];
    const trace = requestTraces.getStore();
    // The first lookup of a request (a private one may be followed by the public one) counts.
    if (trace && trace.since === undefined && replies && !seqError)
      trace.since = TagIndex.since(seq as Buffer | null);
    return entryError ? undefined : (sealed as Buffer | null);
  }

  override async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const trace = requestTraces.getStore();
    const ttl = options?.ttl;
    // An answer whose dependencies are unknown could never be dropped by an event: not stored.
    if (!trace?.dependencies || !ttl) return;
    const full = this.key(key);
    const entry = { key: full, value: this.store.cipher.seal(value, full), tags: this.tags.ofAnswer(trace) };
    await this.index.put([entry], ttl, trace.since ?? 0);
  }
}

/**
 * The response cache's `shouldWriteToCache`: records in the request's trace what a cacheable
 * answer depends on, for the store that follows; false when there is nothing to store.
 */
export function noteDependencies(ctx: GraphQLRequestContext<GatewayContext>): boolean {
  const trace = ctx.contextValue.trace;
  if (!trace || ctx.contextValue.subscriptionEvent || !ctx.overallCachePolicy.policyIfCacheable())
    return false;
  trace.dependencies = responseDependencies(ctx);
  return trace.dependencies !== undefined;
}
