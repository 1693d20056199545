import type { ApolloServer } from '@apollo/server';
import type { Logger } from '@union-graph/subgraph-kit';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Authenticate } from './auth';
import type { GatewayCaches } from './caches';
import { sharedExecution } from './dedup';
import { sendError } from './errors';
import { identify } from './identify';
import type { Metrics } from './metrics';
import { DEFAULT_BODY_LIMIT, DEFAULT_REQUEST_TIMEOUT_MS, type GatewayOptions } from './options';
import { rateLimit } from './rate-limit';
import { type RequestTrace, requestTraces } from './request-trace';
import type { GatewayContext } from './signed-data-source';
import { gatewayText } from './texts';
import type { TrustedDocuments } from './trusted-documents';

/**
 * A registered operation may be sent by hash alone (`extensions.persistedQuery.sha256Hash`): its
 * query is filled in from the client's manifest, before APQ or a subscription transport sees it.
 */
export function fillRegisteredQuery(
  trusted: TrustedDocuments | undefined,
  client: string | undefined,
  body: { query?: unknown; extensions?: unknown } | undefined,
): void {
  const hash = (body?.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery
    ?.sha256Hash;
  if (!trusted || !body || body.query || typeof hash !== 'string') return;
  const doc = trusted.document(client, hash);
  if (doc) body.query = doc;
}

export const trustedLookup =
  (trusted: TrustedDocuments | undefined): RequestHandler =>
  (req, _res, next) => {
    fillRegisteredQuery(trusted, req.caller!.client, req.body as Parameters<typeof fillRegisteredQuery>[2]);
    next();
  };

/**
 * The `/graphql` pipeline: body, caller, rate, trusted documents, request trace, then Apollo, with
 * identical queries in flight sharing one execution.
 */
export function graphqlRoute(parts: {
  opts: GatewayOptions;
  authenticate: Authenticate;
  apollo: ApolloServer<GatewayContext>;
  caches: GatewayCaches;
  metrics: Metrics;
}): RequestHandler[] {
  const { opts, authenticate, apollo, caches, metrics } = parts;
  return [
    express.json({ limit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT }),
    identify(authenticate, opts.trustedDocuments, metrics),
    rateLimit(opts.rateLimit, caches.store, metrics),
    trustedLookup(opts.trustedDocuments),
    (_req, _res, next) => {
      const trace: RequestTrace = { subgraphs: new Set() };
      requestTraces.run(trace, next);
    },
    sharedExecution(
      apollo,
      async (req) => ({
        caller: req.caller!,
        requestId: req.requestId!,
        deadlineAt: Date.now() + (opts.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
        trace: requestTraces.getStore(),
      }),
      metrics,
    ),
  ];
}

/** Body parser failures: a clear GraphQL-shaped error, never express's HTML page. */
export function bodyErrors(opts: GatewayOptions, log: Logger, metrics: Metrics) {
  return (
    err: Error & { status?: number; type?: string },
    _req: Request,
    res: Response,
    next: NextFunction,
  ) => {
    if (res.headersSent) return next(err);
    if (err.type === 'entity.too.large')
      return sendError(
        res,
        metrics,
        413,
        'PAYLOAD_TOO_LARGE',
        gatewayText('bodyTooLarge', { limit: opts.bodyLimit ?? DEFAULT_BODY_LIMIT }),
      );
    if (err.status && err.status < 500)
      return sendError(
        res,
        metrics,
        err.status,
        'BAD_REQUEST',
        gatewayText('malformedBody', { detail: err.message }),
      );
    log.error({ err }, 'unexpected error');
    sendError(res, metrics, 500, 'INTERNAL_SERVER_ERROR', gatewayText('internal'));
  };
}
