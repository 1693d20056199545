import { STATUS_CODES } from 'node:http';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { createHandler, type Response as SseResponse } from 'graphql-sse';
import type { Authenticate } from '../auth';
import { trustedLookup } from '../graphql-route';
import { identify } from '../identify';
import type { Metrics } from '../metrics';
import { DEFAULT_BODY_LIMIT, type GatewayOptions, type SubscriptionOptions } from '../options';
import type { Delivery } from './delivery';
import type { SubscriptionHub } from './hub';
import { type StartSubscription, tokenExpiry } from './start';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * `/graphql/stream`: the graphql-sse protocol, distinct connections (one stream per subscription,
 * `Accept: text/event-stream`) or a single connection (PUT a stream token, then operations). The
 * caller, client and trusted documents are checked as on `/graphql` (identify, trustedLookup).
 * Besides the protocol: each event carries its change-stream id as the SSE `id:` (distinct
 * connections), so a client reconnecting with `Last-Event-ID` gets what it missed; and a client
 * that lets more than `maxBufferedBytes` pile up unread is dropped.
 */
export function sseRoute(parts: {
  opts: GatewayOptions;
  options: SubscriptionOptions;
  authenticate: Authenticate;
  start: StartSubscription;
  hub: SubscriptionHub | undefined;
  metrics: Metrics;
}): RequestHandler[] {
  const { opts, options, start, hub, metrics } = parts;
  const deliveries = new WeakMap<Request, Delivery>();
  const handler = createHandler<Request>({
    async onSubscribe(req, params) {
      const raw = req.raw;
      const lastEventId = raw.headers['last-event-id'];
      const started = await start(raw.caller!, params, 'sse', {
        expiresAt: tokenExpiry(raw.headers.authorization),
        lastEventId:
          typeof lastEventId === 'string' && /^\d+-\d+$/.test(lastEventId) ? lastEventId : undefined,
      });
      if (!started.ok) {
        const { status, errors } = started;
        const refused: SseResponse = [
          JSON.stringify({ errors }),
          { status, statusText: STATUS_CODES[status] ?? '', headers: JSON_HEADERS },
        ];
        return refused;
      }
      deliveries.set(raw, started.delivery);
      return started.delivery.asResults();
    },
  });

  const serve = async (req: Request, res: Response) => {
    const [body, init] = await handler({
      method: req.method,
      url: req.originalUrl,
      headers: {
        get: (key) => {
          const value = req.headers[key];
          return Array.isArray(value) ? value.join('\n') : value;
        },
      },
      body: (req.body as Record<string, unknown> | undefined) ?? null,
      raw: req,
      context: undefined,
    });
    res.writeHead(init.status, init.statusText, init.headers as Record<string, string>);
    if (!body || typeof body === 'string') {
      res.end(body);
      return;
    }
    res.once('close', () => void body.return(undefined));
    const delivery = deliveries.get(req);
    if (delivery) delivery.onDrop = () => res.destroy();
    for await (const chunk of body) {
      if (!res.writable) break;
      // Still unsent when the next event comes: a stalled reader, whose backlog would grow forever.
      if (delivery && hub && res.writableLength > options.maxBufferedBytes) {
        hub.drop(delivery);
        return;
      }
      // One `next` per event, in order: its stream id, when it has one, goes before it.
      const id = delivery && chunk.startsWith('event: next') ? delivery.sentIds.shift() : undefined;
      res.write(id ? `id: ${id}\n${chunk}` : chunk);
    }
    res.end();
  };

  return [
    express.json({ limit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT }),
    identify(parts.authenticate, opts.trustedDocuments, metrics),
    trustedLookup(opts.trustedDocuments),
    (req, res, next) => {
      serve(req, res).catch(next);
    },
  ];
}
