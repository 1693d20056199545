import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { expressMiddleware } from '@as-integrations/express5';
import { type Caller, HopError, hasRole, verifySignedHop } from '@union-graph/auth';
import express, { type Request } from 'express';
import { parse } from 'graphql';
import type { Connection } from 'mongoose';
import { pinoHttp } from 'pino-http';
import { accessLogPlugin, personalAccessModel } from './access-log';
import type { SubgraphContext } from './context';
import { applyOrgEvents, type DirectoryUpdate, ORGANIZATIONS_SUBGRAPH, orgDirectoryModel } from './directory';
import { type DownloadModel, downloadRouter } from './downloads';
import { loadSubgraphEnv } from './env';
import { formatError, isUnexpected } from './errors';
import {
  type ChangeEvent,
  type Consumer,
  ownEvents,
  publishChanges,
  relayEvents,
  startConsumer,
  withOrgPaths,
} from './events';
import { httpListener } from './http';
import { applyInputHygiene } from './hygiene';
import type { BackgroundHost } from './jobs';
import { createLogger, type Logger } from './logger';
import { languagePlugin } from './messages';
import {
  consumerLag,
  createSubgraphMetrics,
  metricsHandler,
  observeMongoCommands,
  requestMetricsPlugin,
  type SubgraphMetrics,
} from './metrics';
import {
  connectMongo,
  type DatabaseKind,
  detectDatabase,
  type MongoSettings,
  pingMongo,
  type ReadPreferenceMode,
} from './mongo';
import { NonceGuard } from './nonces';
import { Outbox, outboxModel } from './outbox';
import { applyPersonalPolicy, PersonalAccessNotes, type PersonOf, unmarkedPersonalFields } from './personal';
import { guardProvince } from './province';
import { createRedis, type RedisClient, type RedisSettings } from './redis';
import { requestResync, startResyncResponder } from './resync';
import { scalarResolvers } from './scalars';
import { readOwnSdl } from './schema-files';
import { type OrgLookup, orgLookupFrom, Scope } from './scope';
import { type Statistics, type StatisticsDeclaration, StatisticsEngine } from './statistics';
import { serverSpans, startTelemetry, tracingEnabled } from './telemetry';

export const COMMON_TYPE_DEFS = readFileSync(join(__dirname, '..', 'common.graphql'), 'utf8');

/** Reads a subgraph package's schema with the kit's shared definitions in front of it. */
export function readSubgraphSdl(packageDir: string): string {
  return `${COMMON_TYPE_DEFS}\n${readOwnSdl(packageDir)}`;
}

export interface SubgraphDefinition<TModels, TLoaders> {
  name: string;
  /** The subgraph's package folder, holding `schema.graphql` or `schema/*.graphql`. */
  packageDir: string;
  // biome-ignore lint/suspicious/noExplicitAny: generated resolver maps are checked in each subgraph
  resolvers: any;
  models: (conn: Connection) => TModels;
  loaders: (models: TModels, scope: Scope) => TLoaders;
  /** Where scope checks find organizations; by default the directory kept from org events. */
  orgLookup?: (models: TModels) => OrgLookup;
  /**
   * For a provincial federation's subgraph: the province's division code (e.g. `440000`). The kit
   * then serves only callers and organizations of that province (see province.ts).
   */
  province?: string;
  /**
   * Read models kept from other subgraphs' change streams (besides the org directory), e.g. dues
   * payments from funds. Each gets a consumer group named after this subgraph.
   */
  subscriptions?: StreamSubscription<TModels>[];
  /**
   * Read models kept from the organizations stream besides the directory (e.g. host units and who
   * covers them). The directory's consumer applies them, since a second consumer in the same group
   * would take half the stream; ids they find suspect are asked for again as the directory's are.
   */
  orgReadModels?: OrgReadModel<TModels>[];
  /**
   * Set when fields this subgraph adds to `Organization` aggregate over subtrees (members of every
   * union below): an event affecting a union then affects its ancestors too (see withOrgPaths).
   */
  subtreeAggregates?: boolean;
  /**
   * For a subgraph whose stream feeds other subgraphs' read models (organizations): the current
   * state of the entities asked for, as change events, to answer resync requests (see resync.ts).
   */
  republish?: (models: TModels, ids: string[] | 'all') => Promise<ChangeEvent[]>;
  /**
   * Which member a record of a type belongs to, for `@personal` fields whose parent is neither a
   * `Member` nor carries `memberId` (see personal.ts); e.g. `{ DuesPayment: (p) => p.dues.memberId }`.
   */
  personOf?: Record<string, PersonOf>;
  /**
   * Where this subgraph keeps files it hands out (exports): served at `GET /downloads/:id` to the
   * caller who made each, over the signed hop (see downloads.ts).
   */
  downloads?: (models: TModels) => DownloadModel;
  /**
   * Set in the subgraph that keeps every subgraph's personal-data access log (members): its own
   * entries are not published, and it copies the others' from their streams (see access-log.ts).
   */
  keepsAccessLog?: boolean;
  /**
   * Work the subgraph does besides answering requests — a periodic job (members' R16 sweep), a
   * read model asking its source again (see jobs.ts) — started once its consumers and outbox run;
   * returns what stops it.
   */
  background?: (host: BackgroundHost<TModels>) => () => void;
  /**
   * The subgraph's statistics, declared once (`src/statistics.ts`): the kit keeps them in an
   * embedded DuckDB built at start and fed by the subgraph's own stream (statistics/engine.ts).
   */
  statistics?: StatisticsDeclaration<TModels>;
}

export interface StreamSubscription<TModels> {
  /** The subgraph whose stream to read. */
  source: string;
  /** Applies the events; returns what to relay on this subgraph's stream (default: all of them). */
  handle: (events: ChangeEvent[], models: TModels) => Promise<ChangeEvent[] | undefined> | Promise<void>;
}

/** Applies organizations' events to a read model: what changed it, and what to ask for again. */
export type OrgReadModel<TModels> = (events: ChangeEvent[], models: TModels) => Promise<DirectoryUpdate>;

export interface SubgraphRuntimeOptions {
  mongoUrl: string;
  redisUrl: string;
  hopSecret: string;
  /** Defaults to `<dbPrefix><name>`: each subgraph owns its database. */
  dbName?: string;
  dbPrefix?: string;
  /** Prefix of every Redis key this subgraph writes (streams, groups). */
  keyspace?: string;
  logger?: Logger;
  /** Replica-set settings; analysts' reads go where `analystReadPreference` says (e.g. secondaries). */
  mongo?: Pick<MongoSettings, 'writeConcern'> & { analystReadPreference?: ReadPreferenceMode };
  redis?: RedisSettings;
  /** How often read models ask their sources for everything again; 0 or absent: never. */
  reconcileMs?: number;
  /** `/metrics` needs `Authorization: Bearer <this>`; absent, `/metrics` is not served. */
  metricsToken?: string;
}

export interface SubgraphServer<TModels> {
  name: string;
  app: express.Express;
  conn: Connection;
  models: TModels;
  redis: RedisClient;
  keyspace: string;
  /** What serves its database; a subgraph on FerretDB must run as one replica. */
  database: DatabaseKind;
  /** Keeps the local org directory current; absent in the organizations subgraph itself. */
  directory?: Consumer;
  /** The consumers of `def.subscriptions`, by source subgraph. */
  subscriptions: Record<string, Consumer>;
  /** Change events stored with the writes and relayed to the stream (see outbox.ts). */
  outbox: Outbox;
  /** The columnar read model of `def.statistics`. */
  statistics?: Statistics;
  /** Prometheus metrics, served at `/metrics` (see metrics.ts). */
  metrics: SubgraphMetrics;
  /** Resolves once every read model has applied (and relayed) what was published before the call. */
  caughtUp(): Promise<void>;
  publish: (events: ChangeEvent[]) => Promise<void>;
  listen(port?: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

/** A relay attempt Redis has not answered by then is retried (ioredis may still be reconnecting). */
const REDIS_SEND_TIMEOUT_MS = 2_000;

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function requestIdOf(req: Request): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && given.length > 0 && given.length <= 128 ? given : randomUUID();
}

function errorLoggingPlugin(): ApolloServerPlugin<SubgraphContext<unknown, unknown>> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isUnexpected(error))
              contextValue.log.error({ err: error.originalError ?? error }, 'unexpected error');
          }
        },
      };
    },
  };
}

export async function createSubgraph<TModels, TLoaders>(
  def: SubgraphDefinition<TModels, TLoaders>,
  opts: SubgraphRuntimeOptions,
): Promise<SubgraphServer<TModels>> {
  const log = opts.logger ?? createLogger(def.name);
  const keyspace = opts.keyspace ?? 'ug:';
  const dbName = opts.dbName ?? `${opts.dbPrefix ?? 'union_'}${def.name}`;
  const { analystReadPreference, ...mongoSettings } = opts.mongo ?? {};
  const conn = await connectMongo(opts.mongoUrl, dbName, mongoSettings);
  const database = await detectDatabase(conn);
  const models = def.models(conn);
  await Promise.all(Object.values(conn.models).map((m) => m.init()));
  // Analysts only read, and their nationwide aggregations are the heaviest reads: on a replica set
  // they can go to secondaries and leave the primary to writers.
  const analystConn = analystReadPreference
    ? await connectMongo(opts.mongoUrl, dbName, { ...mongoSettings, readPreference: analystReadPreference })
    : undefined;
  const analystModels = analystConn ? def.models(analystConn) : models;
  const redis = createRedis(opts.redisUrl, def.name, opts.redis ?? {});
  // The sources whose streams this subgraph's read models consume, for the lag metric.
  const sources: string[] = [];
  const metrics = createSubgraphMetrics(def.name, () => consumerLag(redis, keyspace, def.name, sources));
  for (const c of [conn, analystConn]) if (c) observeMongoCommands(c, metrics);
  const nonces = new NonceGuard(redis, keyspace);
  // Unique per replica (every container is pid 1, but its host name is the pod's name), so one
  // replica never takes over another's pending entries; the group still delivers each event once.
  const consumer = `${def.name}-${hostname()}-${process.pid}`;
  const publishAsIs = (events: ChangeEvent[]) => publishChanges(redis, keyspace, def.name, events);
  /**
   * A read model's handler, followed by the relay of what it applied (see relayEvents): what
   * `apply` reports it changed, or everything it was given.
   */
  const readModel =
    (source: string, apply: (events: ChangeEvent[]) => Promise<ChangeEvent[] | undefined>) =>
    async (events: ChangeEvent[]) => {
      const own = ownEvents(events);
      const applied = (await apply(own)) ?? own;
      await publishAsIs(relayEvents(applied, source));
    };
  const askOrganizations = (ids: string[] | 'all') =>
    requestResync(redis, keyspace, ORGANIZATIONS_SUBGRAPH, def.name, ids).catch((err: unknown) =>
      log.warn({ err }, 'could not ask for organizations again; the next reconciliation will'),
    );
  const timers: NodeJS.Timeout[] = [];

  let directory: Consumer | undefined;
  let orgLookup: OrgLookup;
  if (def.orgLookup) {
    orgLookup = def.orgLookup(models);
  } else {
    const directoryModel = orgDirectoryModel(conn);
    await directoryModel.init();
    orgLookup = orgLookupFrom(directoryModel);
    directory = await startConsumer({
      redis,
      keyspace,
      source: ORGANIZATIONS_SUBGRAPH,
      group: def.name,
      consumer,
      handle: readModel(ORGANIZATIONS_SUBGRAPH, async (events) => {
        const updates = await Promise.all([
          applyOrgEvents(directoryModel, events),
          ...(def.orgReadModels ?? []).map((apply) => apply(events, models)),
        ]);
        const suspect = updates.flatMap((u) => u.suspect);
        if (suspect.length) await askOrganizations(suspect);
        return updates.flatMap((u) => u.applied);
      }),
      onError: (err) => log.error({ err }, 'org directory sync failed; retrying'),
      onStreamLost: () => void askOrganizations('all'),
    });
    sources.push(ORGANIZATIONS_SUBGRAPH);
    if ((await directoryModel.estimatedDocumentCount()) === 0) void askOrganizations('all');
    if (opts.reconcileMs) {
      const timer = setInterval(() => void askOrganizations('all'), opts.reconcileMs);
      timer.unref();
      timers.push(timer);
    }
  }
  const outbox = new Outbox(outboxModel(conn), {
    send: (events) =>
      withTimeout(publishAsIs(events), REDIS_SEND_TIMEOUT_MS, 'Redis did not take the events'),
    log,
  });
  await outbox.recover();
  const publish = async (events: ChangeEvent[]) =>
    outbox.add(await withOrgPaths(events, orgLookup, def.subtreeAggregates));
  const republish = def.republish;
  const resyncResponder = republish
    ? await startResyncResponder({
        redis,
        keyspace,
        name: def.name,
        consumer,
        republish: (ids) => republish(models, ids),
        send: publishAsIs,
        log,
      })
    : undefined;
  const subscriptions: Record<string, Consumer> = {};
  for (const sub of def.subscriptions ?? []) {
    subscriptions[sub.source] = await startConsumer({
      redis,
      keyspace,
      source: sub.source,
      group: def.name,
      consumer,
      handle: readModel(sub.source, async (events) => (await sub.handle(events, models)) ?? undefined),
      onError: (err) => log.error({ err, source: sub.source }, 'stream subscription failed; retrying'),
    });
    sources.push(sub.source);
  }

  const statistics = def.statistics
    ? await StatisticsEngine.start(def.statistics, { models, redis, keyspace, subgraph: def.name, log })
    : undefined;

  const stopBackground = def.background?.({
    models,
    redis,
    keyspace,
    replica: consumer,
    publish,
    log,
    reconcileMs: opts.reconcileMs,
  });

  const accessLog = personalAccessModel(conn);
  await accessLog.init();

  const typeDefs = parse(readSubgraphSdl(def.packageDir));
  const unmarked = unmarkedPersonalFields(typeDefs);
  if (unmarked.length)
    throw new Error(
      `${def.name}: fields of person-holding types without @personal(kind:): ${unmarked.join(', ')} (docs/personal-data.md)`,
    );
  const apollo = new ApolloServer<SubgraphContext<TModels, TLoaders>>({
    schema: applyPersonalPolicy(
      applyInputHygiene(
        buildSubgraphSchema([
          {
            typeDefs,
            resolvers: {
              ...scalarResolvers,
              ...(def.province ? guardProvince(def.resolvers, def.province) : def.resolvers),
            } as GraphQLResolverMap<unknown>,
          },
        ]),
      ),
      def.personOf,
    ),
    formatError,
    includeStacktraceInErrorResponses: false,
    // Inline tracing is for Apollo's hosted studio, which a union intranet does not reach.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      errorLoggingPlugin(),
      requestMetricsPlugin(metrics),
      languagePlugin(),
      accessLogPlugin({
        subgraph: def.name,
        model: accessLog,
        publish: def.keepsAccessLog ? undefined : publish,
        log,
      }),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  if (def.downloads)
    app.use(downloadRouter(def.downloads(models), { hopSecret: opts.hopSecret, nonces, log }));
  app.get('/metrics', metricsHandler(metrics.registry, opts.metricsToken));
  app.get('/readyz', async (_req, res) => {
    try {
      await Promise.all([pingMongo(conn), redis.ping()]);
      res.json({ status: 'ready' });
    } catch (err) {
      res.status(503).json({ status: 'unavailable', reason: String(err) });
    }
  });
  app.use(
    '/graphql',
    pinoHttp({ logger: log, genReqId: requestIdOf, autoLogging: { ignore: () => log.level !== 'debug' } }),
    express.json({
      limit: '2mb',
      verify: (req, _res, buf) => {
        (req as unknown as { rawBody: Buffer }).rawBody = buf;
      },
    }),
    ...(tracingEnabled() ? [serverSpans(def.name)] : []),
    async (req, res, next) => {
      const raw = (req as unknown as { rawBody?: Buffer }).rawBody ?? Buffer.alloc(0);
      try {
        const hop = verifySignedHop(req.headers, raw, opts.hopSecret);
        if (!(await nonces.accept(hop.nonce, hop.validUntil))) throw new HopError('replayed request');
        (req as unknown as { caller: Caller }).caller = hop.caller;
        (req as unknown as { hopNonce: string }).hopNonce = hop.nonce;
        next();
      } catch (e) {
        const reason = e instanceof HopError ? e.message : 'invalid caller';
        res.status(401).json({
          errors: [
            {
              message: `Only the gateway may call this subgraph (${reason})`,
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
      }
    },
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const caller = (req as unknown as { caller: Caller }).caller;
        const scope = new Scope(caller, orgLookup);
        const requestId = String(req.id);
        const readModels = hasRole(caller, 'ANALYST') && !scope.canWrite ? analystModels : models;
        return {
          caller,
          requestId,
          log: log.child({ requestId }),
          models: readModels,
          loaders: def.loaders(readModels, scope),
          scope,
          publish,
          statistics,
          personalAccess: new PersonalAccessNotes(
            `${def.name}:${(req as unknown as { hopNonce: string }).hopNonce}`,
          ),
        };
      },
    }),
  );

  const http = httpListener(app);
  return {
    name: def.name,
    app,
    conn,
    models,
    redis,
    keyspace,
    database,
    directory,
    subscriptions,
    outbox,
    statistics,
    metrics,
    async caughtUp() {
      await outbox.drained();
      await resyncResponder?.caughtUp();
      await Promise.all([directory, ...Object.values(subscriptions)].map((c) => c?.caughtUp()));
      // After the read models: what they relay onto the own stream reaches the statistics too.
      await statistics?.caughtUp();
    },
    publish,
    listen: (port, host) => http.listen(port, host),
    async stop() {
      await http.close();
      await apollo.stop();
      for (const t of timers) clearInterval(t);
      stopBackground?.();
      await directory?.stop();
      await resyncResponder?.stop();
      await Promise.all(Object.values(subscriptions).map((c) => c.stop()));
      await statistics?.stop();
      outbox.stop();
      redis.disconnect();
      await Promise.all([conn.close(true), analystConn?.close(true)]);
    },
  };
}

/** The body of every subgraph's `index.ts`: configuration from the environment, listen, stop on signals. */
export async function runSubgraph<TModels, TLoaders>(
  def: SubgraphDefinition<TModels, TLoaders>,
  defaultPort: number,
): Promise<void> {
  const env = loadSubgraphEnv();
  const telemetry = startTelemetry(def.name);
  const log = createLogger(def.name, env.LOG_LEVEL);
  const subgraph = await createSubgraph(def, {
    mongoUrl: env.MONGO_URL,
    redisUrl: env.REDIS_URL,
    hopSecret: env.UNION_GRAPH_HOP_SECRET,
    dbPrefix: env.UNION_GRAPH_DB_PREFIX,
    keyspace: env.UNION_GRAPH_KEYSPACE,
    logger: log,
    mongo: {
      writeConcern: env.MONGO_WRITE_CONCERN,
      analystReadPreference: env.MONGO_READ_PREFERENCE_ANALYST,
    },
    redis: { clusterNodes: env.REDIS_CLUSTER_NODES },
    reconcileMs: env.UNION_GRAPH_RECONCILE_MINUTES * 60_000,
    metricsToken: env.UNION_GRAPH_METRICS_TOKEN,
  });
  const url = await subgraph.listen(env.PORT ?? defaultPort, process.env.HOST ?? '127.0.0.1');
  log.info(
    { url, database: subgraph.database },
    subgraph.database === 'ferretdb'
      ? `${def.name} subgraph ready on FerretDB: run it as one replica (writes to a document are serialized in this process)`
      : `${def.name} subgraph ready`,
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    // A dependency that is already gone must not keep the process alive.
    setTimeout(() => process.exit(1), 10_000).unref();
    await subgraph.stop();
    await telemetry?.shutdown();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
