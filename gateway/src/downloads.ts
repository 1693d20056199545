import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { signHop } from '@union-graph/auth';
import type { Logger } from '@union-graph/subgraph-kit';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Authenticate } from './auth';
import type { GatewayCaches } from './caches';
import { sendError } from './errors';
import { identify } from './identify';
import type { Metrics } from './metrics';
import { DEFAULT_REQUEST_TIMEOUT_MS, type GatewayOptions } from './options';
import { rateLimit } from './rate-limit';
import { type SupergraphSource, subgraphsOf } from './supergraph';
import { gatewayText } from './texts';

/** A subgraph's download id: what the kit hands out (32 random bytes, base64url). */
const ID = /^[\w-]{16,128}$/;
/** The response headers passed through from the subgraph; everything else stays behind. */
const PASSED = ['content-type', 'content-disposition', 'content-length'] as const;

/** The URL each subgraph is called at, by name: `subgraphUrls` first, else the supergraph's. */
function subgraphUrlOf(supergraph: SupergraphSource, overrides: Record<string, string> | undefined) {
  let known: { id: string; urls: Map<string, string> } | undefined;
  return (name: string): string | undefined => {
    if (known?.id !== supergraph.id)
      known = {
        id: supergraph.id,
        urls: new Map(subgraphsOf(supergraph.sdl).map((s) => [s.name, s.url])),
      };
    if (!known.urls.has(name)) return undefined;
    return overrides?.[name] ?? known.urls.get(name);
  };
}

/**
 * `GET /downloads/:subgraph/:id`: files a subgraph made for a caller (roster exports) leave here,
 * never inside a GraphQL answer. Same authorization as `/graphql` (the bearer token, trusted
 * clients, rate limits), then the subgraph's `GET /downloads/:id` over the signed hop (the caller
 * signed over an empty body, with a nonce). The subgraph answers the bytes to their maker only, or
 * 404; an unknown subgraph is 404 too. Nothing here is cached, by the gateway or by anyone after it.
 */
export function downloadsRoute(parts: {
  opts: GatewayOptions;
  authenticate: Authenticate;
  supergraph: SupergraphSource;
  caches: GatewayCaches;
  metrics: Metrics;
  log: Logger;
}): RequestHandler[] {
  const { opts, authenticate, supergraph, caches, metrics, log } = parts;
  const urlOf = subgraphUrlOf(supergraph, opts.subgraphUrls);
  const notFound = (res: Response) =>
    sendError(res, metrics, 404, 'NOT_FOUND', gatewayText('noSuchDownload'));
  return [
    (_req: Request, res: Response, next: NextFunction) => {
      res.setHeader('cache-control', 'no-store');
      next();
    },
    identify(authenticate, opts.trustedDocuments, metrics),
    rateLimit(opts.rateLimit, caches.store, metrics),
    async (req: Request, res: Response) => {
      const name = String(req.params.subgraph);
      const id = String(req.params.id);
      const base = urlOf(name);
      if (!base || !ID.test(id)) return notFound(res);
      // Relative to the subgraph's GraphQL URL, so a subgraph served under a path prefix works too.
      const target = new URL(`downloads/${id}`, base);
      let answer: globalThis.Response;
      try {
        answer = await fetch(target, {
          headers: {
            ...signHop(req.caller!, '', opts.hopSecret),
            'x-request-id': req.requestId!,
          },
          redirect: 'error',
          signal: AbortSignal.timeout(opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
        });
      } catch (err) {
        const timedOut = /timeout|abort/i.test(`${(err as Error)?.name} ${(err as Error)?.message}`);
        log.warn({ err, subgraph: name, requestId: req.requestId }, 'download failed');
        return timedOut
          ? sendError(
              res,
              metrics,
              504,
              'SUBGRAPH_TIMEOUT',
              gatewayText('subgraphTimeout', { subgraph: name }),
            )
          : sendError(
              res,
              metrics,
              502,
              'SUBGRAPH_UNAVAILABLE',
              gatewayText('subgraphUnavailable', { subgraph: name }),
            );
      }
      if (answer.status === 404) {
        await answer.body?.cancel();
        return notFound(res);
      }
      if (answer.status !== 200 || !answer.body) {
        await answer.body?.cancel();
        log.error({ subgraph: name, status: answer.status, requestId: req.requestId }, 'download refused');
        return sendError(
          res,
          metrics,
          502,
          'SUBGRAPH_UNAVAILABLE',
          gatewayText('downloadNotServed', { subgraph: name }),
        );
      }
      res.status(200);
      for (const h of PASSED) {
        const value = answer.headers.get(h);
        if (value) res.setHeader(h, value);
      }
      res.setHeader('x-content-type-options', 'nosniff');
      try {
        await pipeline(Readable.fromWeb(answer.body as unknown as WebReadableStream), res);
      } catch (err) {
        log.warn({ err, subgraph: name, requestId: req.requestId }, 'download interrupted');
        res.destroy();
      }
    },
  ];
}
