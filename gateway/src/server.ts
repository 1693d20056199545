import { randomUUID } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { expressMiddleware } from '@as-integrations/express5';
import { type Caller, ROLES, type Role } from '@union-graph/auth';
import { createLogger, httpListener, type Logger } from '@union-graph/subgraph-kit';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import { createAuthenticator } from './auth';
import { CacheStore } from './cache-store';
import { EntityCache, scopeKey } from './entity-cache';
import { explorerRouter } from './explorer';
import { Invalidator } from './invalidation';
import { RedisKeyValueCache } from './kv-cache';
import {
  checkLimits,
  DEFAULT_LIMITS,
  limitsFor,
  measureOperation,
  type QueryLimits,
  type RoleLimits,
} from './limits';
import { createMetrics, type Metrics, operationLabel } from './metrics';
import { Generation, type RequestTrace, requestTraces } from './request-trace';
import { type GatewayContext, SignedDataSource } from './signed-data-source';
import { SupergraphSource, subgraphsOf } from './supergraph';
import { sha256, type TrustedDocuments } from './trusted-documents';

export interface GatewayOptions {
  /** A fixed supergraph; or `supergraphFile`, watched and hot-swapped. One of the two is required. */
  supergraphSdl?: string;
  supergraphFile?: string;
  hopSecret: string;
  /** HS256 secret for locally minted tokens. */
  jwtSecret?: string;
  /** JWKS URL or file for RS256/ES256 tokens (see auth.ts). */
  jwks?: string;
  /** Replaces the URLs written in the supergraph, by subgraph name (tests, containers). */
  subgraphUrls?: Record<string, string>;
  logger?: Logger;
  /** Redis for APQ, the response and entity caches, rate limits and change events; none → uncached. */
  redisUrl?: string;
  /** Prefix of every Redis key (the subgraphs' streams live under it too). */
  keyspace?: string;
  limits?: Partial<QueryLimits>;
  /** Limits by role, replacing `limits` for callers with that role (the most generous role wins). */
  roleLimits?: RoleLimits;
  /** Requests per client per window; the client is the token's `client` claim, else its subject. */
  rateLimit?: { requests: number; windowSeconds: number };
  requestTimeoutMs?: number;
  subgraphTimeoutMs?: number;
  /** Longest accepted request body, in express's notation (e.g. `100kb`). */
  bodyLimit?: string;
  /** Roles that may run introspection (the explorer needs it). */
  introspectionRoles?: readonly Role[];
  trustedDocuments?: TrustedDocuments;
  /** A cache command slower than this is abandoned (the answer goes uncached). */
  redisCommandTimeoutMs?: number;
}

export interface Readiness {
  status: 'ready' | 'degraded' | 'unavailable';
  supergraph: string;
  redis: 'up' | 'down' | 'not configured';
  subgraphs: Record<string, 'up' | 'down'>;
}

export interface GatewayServer {
  app: express.Express;
  metrics: Metrics;
  supergraph: SupergraphSource;
  /** Resolves once every change event published so far has invalidated the caches. */
  caughtUp(): Promise<void>;
  readiness(): Promise<Readiness>;
  listen(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

const PRODUCTION_INTROSPECTION_ROLES: readonly Role[] = ['NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST'];

declare module 'express-serve-static-core' {
  interface Request {
    caller?: Caller;
    requestId?: string;
  }
}

function sendError(
  res: Response,
  metrics: Metrics,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  metrics.errors.inc({ code });
  res.status(status).json({ errors: [{ message, extensions: { code, ...extensions } }] });
}

function refused(message: string, code: string, status: number, extensions: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, ...extensions, http: { status } } });
}

export async function createGateway(opts: GatewayOptions): Promise<GatewayServer> {
  const log = opts.logger ?? createLogger('gateway');
  const metrics = createMetrics();
  const keyspace = opts.keyspace ?? 'ug:';
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const introspectionRoles =
    opts.introspectionRoles ??
    (process.env.NODE_ENV === 'production' ? PRODUCTION_INTROSPECTION_ROLES : ROLES);
  const trusted = opts.trustedDocuments;
  const authenticate = createAuthenticator({ jwtSecret: opts.jwtSecret, jwks: opts.jwks });
  const supergraph = new SupergraphSource({
    sdl: opts.supergraphSdl,
    file: opts.supergraphFile,
    log,
    metrics,
  });

  const generation = new Generation();
  const store = opts.redisUrl
    ? new CacheStore({
        url: opts.redisUrl,
        keyspace,
        log,
        metrics,
        commandTimeoutMs: opts.redisCommandTimeoutMs,
      })
    : undefined;
  const entityCache = store && new EntityCache(store, metrics, generation);
  const invalidator =
    store && entityCache && opts.redisUrl
      ? new Invalidator({ redisUrl: opts.redisUrl, store, entityCache, generation, metrics, log })
      : undefined;
  await invalidator?.follow(subgraphsOf(supergraph.sdl).map((s) => s.name));
  supergraph.on('applied', () => void invalidator?.follow(subgraphsOf(supergraph.sdl).map((s) => s.name)));

  const responseCache =
    store &&
    new RedisKeyValueCache(store, 'response', metrics, async (key, ttl) => {
      const trace = requestTraces.getStore();
      if (!trace || !invalidator) return;
      if (trace.generation !== generation.current) {
        // A change landed while this answer was computed: it may already be stale.
        await store.run((r) => r.del(key));
        return;
      }
      await store.run((r) => {
        const tx = r.multi();
        for (const subgraph of trace.subgraphs) {
          const tag = invalidator.responseTag(subgraph);
          tx.sadd(tag, key);
          if (ttl) tx.expire(tag, Math.ceil(ttl), 'GT').expire(tag, Math.ceil(ttl), 'NX');
        }
        return tx.exec();
      });
    });

  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: ({ name, url }) =>
      new SignedDataSource({
        name,
        url: opts.subgraphUrls?.[name] ?? url!,
        hopSecret: opts.hopSecret,
        timeoutMs: opts.subgraphTimeoutMs,
        entityCache,
        metrics,
      }),
  });

  const observe: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async didEncounterErrors({ errors }) {
          for (const e of errors)
            metrics.errors.inc({ code: String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR') });
        },
        async willSendResponse({ operationName, request, response }) {
          const labels = {
            operation: operationLabel(operationName ?? request.operationName),
            client: contextValue.caller?.client ?? 'none',
          };
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          metrics.requests.inc(labels);
          metrics.latency.observe(labels, seconds);
          const errors =
            response.body.kind === 'single' ? response.body.singleResult.errors?.length : undefined;
          log.info(
            { requestId: contextValue.requestId, ...labels, ms: Math.round(seconds * 1000), errors },
            'request',
          );
        },
      };
    },
  };

  const policy: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation, schema, source, request }) {
          const caller = contextValue.caller;
          if (trusted?.trustedOnly(caller.client) && !trusted.document(caller.client, sha256(source))) {
            throw refused(
              `client ${caller.client} may run only its registered operations`,
              'PERSISTED_QUERY_NOT_TRUSTED',
              403,
            );
          }
          if (!operation) return; // Apollo reports the unknown operation itself
          const fragments = Object.fromEntries(
            document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
          );
          const measure = measureOperation(schema, operation, fragments, request.variables ?? {});
          const mayIntrospect = caller.roles.some((r) => introspectionRoles.includes(r));
          if (measure.introspects && !mayIntrospect)
            throw refused('introspection is not allowed for this role', 'FORBIDDEN', 403);
          // Registered documents were reviewed; the explorer's schema query is deep by nature.
          if (trusted?.document(caller.client, sha256(source)) || measure.introspectionOnly) return;
          const broken = checkLimits(measure, limitsFor(limits, opts.roleLimits ?? {}, caller.roles));
          if (broken) throw broken;
        },
      };
    },
  };

  const apqCache = store && new RedisKeyValueCache(store, 'apq', metrics);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: true,
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo gives a mismatched APQ hash no code of its own.
    formatError: (formatted) =>
      formatted.message === 'provided sha does not match query'
        ? { ...formatted, extensions: { ...formatted.extensions, code: 'PERSISTED_QUERY_HASH_MISMATCH' } }
        : formatted,
    persistedQueries: apqCache ? { cache: apqCache, ttl: 86_400 } : undefined,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      observe,
      policy,
      ...(responseCache
        ? [
            responseCachePlugin<GatewayContext>({
              cache: responseCache,
              sessionId: async ({ contextValue }) => scopeKey(contextValue.caller),
            }),
          ]
        : []),
    ],
  });
  await apollo.start();

  const readiness = async (): Promise<Readiness> => {
    const subgraphs = Object.fromEntries(
      await Promise.all(
        subgraphsOf(supergraph.sdl).map(async ({ name, url }) => {
          const target = new URL('/healthz', opts.subgraphUrls?.[name] ?? url);
          const ok = await fetch(target, { signal: AbortSignal.timeout(1000) })
            .then((r) => r.ok)
            .catch(() => false);
          return [name, ok ? 'up' : 'down'] as const;
        }),
      ),
    );
    const redis = !store ? 'not configured' : (await store.ping()) ? 'up' : 'down';
    const allUp = Object.values(subgraphs).every((s) => s === 'up');
    return {
      status: !allUp ? 'unavailable' : redis === 'down' ? 'degraded' : 'ready',
      supergraph: supergraph.id,
      redis,
      subgraphs,
    };
  };

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const r = await readiness();
    // Without Redis the gateway still answers (uncached): degraded, not unready.
    res.status(r.status === 'unavailable' ? 503 : 200).json(r);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  app.use(explorerRouter());

  const identify = async (req: Request, res: Response, next: NextFunction) => {
    const given = req.headers['x-request-id'];
    req.requestId =
      typeof given === 'string' && given.length > 0 && given.length <= 128 ? given : randomUUID();
    res.setHeader('x-request-id', req.requestId);
    try {
      req.caller = await authenticate(req.headers.authorization);
    } catch (e) {
      return sendError(
        res,
        metrics,
        401,
        'UNAUTHENTICATED',
        e instanceof Error ? e.message : 'invalid token',
      );
    }
    const client = req.caller.client;
    if (client && trusted?.registry && !trusted.knows(client))
      return sendError(res, metrics, 401, 'UNAUTHENTICATED', `unknown client ${client}`);
    next();
  };

  const rateLimit = async (req: Request, res: Response, next: NextFunction) => {
    const limit = opts.rateLimit;
    if (!limit || !store) return next();
    const who = req.caller!.client ?? req.caller!.id;
    const window = Math.floor(Date.now() / 1000 / limit.windowSeconds);
    const key = store.key('rate', who, String(window));
    const count = await store.run(async (r) => {
      const [[, n] = []] = (await r.multi().incr(key).expire(key, limit.windowSeconds, 'NX').exec()) ?? [];
      return Number(n);
    });
    // Redis down: no counting, and no refusing either.
    if (count !== undefined && count > limit.requests) {
      res.setHeader(
        'retry-after',
        String(limit.windowSeconds - (Math.floor(Date.now() / 1000) % limit.windowSeconds)),
      );
      return sendError(
        res,
        metrics,
        429,
        'RATE_LIMITED',
        `rate limit of ${limit.requests} requests per ${limit.windowSeconds} s exceeded`,
        {
          limit: limit.requests,
          windowSeconds: limit.windowSeconds,
        },
      );
    }
    next();
  };

  // A registered operation may be sent by hash alone; the query is filled in before APQ sees it.
  const trustedLookup = (req: Request, _res: Response, next: NextFunction) => {
    const body = req.body as
      | { query?: unknown; extensions?: { persistedQuery?: { sha256Hash?: unknown } } }
      | undefined;
    const hash = body?.extensions?.persistedQuery?.sha256Hash;
    if (trusted && body && !body.query && typeof hash === 'string') {
      const doc = trusted.document(req.caller!.client, hash);
      if (doc) body.query = doc;
    }
    next();
  };

  app.use(
    '/graphql',
    express.json({ limit: opts.bodyLimit ?? '1mb' }),
    identify,
    rateLimit,
    trustedLookup,
    (_req, _res, next) => {
      const trace: RequestTrace = { subgraphs: new Set(), generation: generation.current };
      requestTraces.run(trace, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => ({
        caller: req.caller!,
        requestId: req.requestId!,
        deadlineAt: Date.now() + (opts.requestTimeoutMs ?? 30_000),
        trace: requestTraces.getStore(),
      }),
    }),
  );
  // Body parser failures: a clear GraphQL-shaped error, never express's HTML page.
  app.use(
    (err: Error & { status?: number; type?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (res.headersSent) return next(err);
      if (err.type === 'entity.too.large')
        return sendError(
          res,
          metrics,
          413,
          'PAYLOAD_TOO_LARGE',
          `request body exceeds ${opts.bodyLimit ?? '1mb'}`,
        );
      if (err.status && err.status < 500)
        return sendError(res, metrics, err.status, 'BAD_REQUEST', `malformed request body: ${err.message}`);
      log.error({ err }, 'unexpected error');
      sendError(res, metrics, 500, 'INTERNAL_SERVER_ERROR', 'internal error');
    },
  );

  const http = httpListener(app);
  return {
    app,
    metrics,
    supergraph,
    readiness,
    async caughtUp() {
      await invalidator?.caughtUp();
    },
    async listen(port, host) {
      const url = await http.listen(port, host);
      log.info({ url }, 'gateway ready');
      return url;
    },
    async stop() {
      await http.close();
      await apollo.stop();
      supergraph.close();
      await invalidator?.stop();
      await store?.stop();
    },
  };
}
