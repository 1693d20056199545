import { createHash } from 'node:crypto';
import type { Caller } from '@union-graph/auth';
import type { Logger } from '@union-graph/subgraph-kit';
import type { FormattedExecutionResult } from 'graphql';
import { scopeKey } from '../entity-cache';
import { messageExtensions } from '../errors';
import type { Metrics } from '../metrics';
import type { SubscriptionOptions } from '../options';
import { gatewayText } from '../texts';
import { Delivery } from './delivery';
import { type ChangeFeed, compareIds, type FeedEvent } from './feed';
import type { CheckedEntity } from './fields';
import { type CompiledSubscription, checkQuery, ENTITY_VARIABLE } from './operation';

/** Runs a query through the federated graph as `caller` (the gateway's own execution path). */
export type Execute = (
  caller: Caller,
  query: string,
  variables: Record<string, unknown>,
) => Promise<FormattedExecutionResult>;

export type Transport = 'sse' | 'ws';

export interface OpenRequest {
  caller: Caller;
  transport: Transport;
  compiled: CompiledSubscription;
  /** When the caller's token expires (ms since epoch): the stream ends then. */
  expiresAt?: number;
  /** The stream id of the last event the client received (SSE `Last-Event-ID`). */
  lastEventId?: string;
}

interface Subscriber extends OpenRequest {
  delivery: Delivery;
  /** Callers whose answers may be shared: the same query for the same subject and scope. */
  shareKey: string;
  lastId?: string;
  /** Events arriving while missed ones are replayed: delivered after them. */
  held?: FeedEvent[];
  timer?: NodeJS.Timeout;
}

export class TooManySubscriptions extends Error {
  constructor(
    readonly max: number,
    readonly who: 'caller' | 'client',
  ) {
    super(`at most ${max} subscriptions per ${who}`);
  }
}

/** A per-event answer that is not for this subscriber: nothing visible, or a refusal. */
function notForYou(result: FormattedExecutionResult, key: string): boolean {
  if (result.data?.[key] == null) return true;
  return !!result.errors?.some((e) => ['NOT_FOUND', 'FORBIDDEN'].includes(String(e.extensions?.code)));
}

/**
 * Subscribers and the events they get. Per event: the subscribers of fields fed by its stream and
 * type that the event alone does not rule out; the field's check, run once per scope as the
 * subscriber (is the entity in the subscribed subtree, at the announced moment, and visible?);
 * then the subscriber's selection, executed once per (query, variables, subject, scope) and handed
 * to every subscriber sharing it. The subject is part of the sharing key, as for queries in flight
 * (dedup.ts): every person an answer with personal data reaches is served, and logged, by an
 * execution of their own; many dashboards of one user still share one.
 */
export class SubscriptionHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly perCaller = new Map<string, number>();
  private readonly perClient = new Map<string, number>();

  constructor(
    private readonly parts: {
      feed: Pick<ChangeFeed, 'on' | 'replay'>;
      execute: Execute;
      options: SubscriptionOptions;
      metrics: Metrics;
      log: Logger;
    },
  ) {
    parts.feed.on((stream, events) => this.onEvents(stream, events));
  }

  get size(): number {
    return this.subscribers.size;
  }

  open(request: OpenRequest): Delivery {
    const { caller, transport, compiled } = request;
    const { maxPerCaller, maxPerClient, maxQueuedEvents } = this.parts.options;
    const callerKey = `${caller.client ?? ''}|${caller.id}`;
    const clientKey = caller.client ?? '';
    if ((this.perCaller.get(callerKey) ?? 0) >= maxPerCaller)
      throw new TooManySubscriptions(maxPerCaller, 'caller');
    if (caller.client && (this.perClient.get(clientKey) ?? 0) >= maxPerClient)
      throw new TooManySubscriptions(maxPerClient, 'client');
    const count = (m: Map<string, number>, key: string, by: number) => {
      const n = (m.get(key) ?? 0) + by;
      if (n > 0) m.set(key, n);
      else m.delete(key);
    };
    count(this.perCaller, callerKey, 1);
    count(this.perClient, clientKey, 1);
    this.parts.metrics.subscriptions.inc({ transport });

    const sub: Subscriber = {
      ...request,
      lastId: request.lastEventId,
      shareKey: createHash('sha256')
        .update(JSON.stringify([caller.id, scopeKey(caller), compiled.query, compiled.variables]))
        .digest('base64url'),
      delivery: new Delivery(maxQueuedEvents, () => {
        this.subscribers.delete(sub);
        clearTimeout(sub.timer);
        count(this.perCaller, callerKey, -1);
        count(this.perClient, clientKey, -1);
        this.parts.metrics.subscriptions.dec({ transport });
      }),
    };
    this.subscribers.add(sub);
    if (request.expiresAt !== undefined)
      sub.timer = setTimeout(() => this.expire(sub), Math.max(0, request.expiresAt - Date.now()));
    if (request.lastEventId) void this.resume(sub, request.lastEventId);
    return sub.delivery;
  }

  /**
   * Ends a subscriber too far behind: its socket no longer takes what is sent (the transport
   * says), or events pile up in its queue.
   */
  drop(delivery: Delivery): void {
    this.parts.metrics.subscriptionsDropped.inc({ reason: 'slow' });
    delivery.drop();
  }

  private expire(sub: Subscriber): void {
    const message = gatewayText('tokenExpired');
    this.parts.metrics.subscriptionsDropped.inc({ reason: 'expired' });
    sub.delivery.finish({
      errors: [
        {
          message: message.render(sub.caller.language ?? 'zh'),
          extensions: { code: 'UNAUTHENTICATED', ...messageExtensions(message) },
        },
      ],
    });
  }

  /** SSE resume: the events after the client's last one, then what arrived meanwhile. */
  private async resume(sub: Subscriber, after: string): Promise<void> {
    sub.held = [];
    try {
      const missed = await this.parts.feed.replay(
        sub.compiled.field.stream,
        after,
        this.parts.options.maxReplayEvents,
      );
      await this.deliverEach(missed, [sub]);
    } catch (err) {
      this.parts.log.warn({ err }, 'cannot replay missed events');
    }
    while (sub.held.length > 0) await this.deliverEach(sub.held.splice(0), [sub]);
    sub.held = undefined;
  }

  private async onEvents(stream: string, events: FeedEvent[]): Promise<void> {
    const live = [...this.subscribers].filter((s) => s.compiled.field.stream === stream);
    for (const s of live) s.held?.push(...events);
    await this.deliverEach(
      events,
      live.filter((s) => !s.held),
    );
  }

  private async deliverEach(events: FeedEvent[], subscribers: Subscriber[]): Promise<void> {
    for (const fe of events) {
      const { event } = fe;
      // A source re-publishing its state, or a read model relaying, announces nothing new.
      if (event.resync || event.relayedFrom) continue;
      const concerned = subscribers.filter(
        (s) =>
          s.compiled.field.type === event.type &&
          (!s.lastId || compareIds(fe.id, s.lastId) > 0) &&
          (s.compiled.field.concerns?.(event, s.compiled.root) ?? true),
      );
      if (concerned.length > 0) await this.deliver(fe, concerned);
    }
  }

  private async deliver(fe: FeedEvent, subscribers: Subscriber[]): Promise<void> {
    const checks = new Map<string, Promise<CheckedEntity | null>>();
    const runs = new Map<string, Promise<FormattedExecutionResult | null>>();
    const once = <T>(m: Map<string, Promise<T>>, key: string, run: () => Promise<T>) => {
      if (!m.has(key)) m.set(key, run());
      return m.get(key)!;
    };
    await Promise.all(
      subscribers.map(async (sub) => {
        const { field, fieldName, root, query, variables, responseKey } = sub.compiled;
        const check = checkQuery(field);
        if (check && field.check) {
          const entity = await once(checks, `${fieldName}|${scopeKey(sub.caller)}`, () =>
            this.parts.execute(sub.caller, check, { id: fe.event.id }).then(
              (r) => (r.data?.entity ?? null) as CheckedEntity | null,
              () => null,
            ),
          );
          if (!entity || !field.check.passes(entity, root)) return;
        }
        const result = await once(runs, sub.shareKey, () =>
          this.parts
            .execute(sub.caller, query, { ...variables, [ENTITY_VARIABLE]: fe.event.id })
            .catch((err) => {
              this.parts.log.warn({ err, field: fieldName }, 'subscription event query failed');
              return null;
            }),
        );
        if (!result || notForYou(result, responseKey)) return;
        if (sub.lastId && compareIds(fe.id, sub.lastId) <= 0) return;
        sub.lastId = fe.id;
        if (!sub.delivery.push(result, fe.id)) return this.drop(sub.delivery);
        this.parts.metrics.subscriptionEvents.inc({ field: fieldName });
      }),
    );
  }

  /** Ends every stream (the gateway stops). */
  close(): void {
    for (const sub of this.subscribers) sub.delivery.finish();
  }
}
