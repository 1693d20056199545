import { createLogger } from '@union-graph/subgraph-kit';
import express from 'express';
import { startApollo } from './apollo';
import { checkProductionSecrets, createAuthenticator } from './auth';
import { createCaches } from './caches';
import { downloadsRoute } from './downloads';
import { explorerRouter } from './explorer';
import { bodyErrors, graphqlRoute } from './graphql-route';
import { lifecycle } from './lifecycle';
import { createMetrics, type Metrics } from './metrics';
import { type GatewayOptions, isProduction } from './options';
import { probesRouter, type Readiness, readinessCheck } from './readiness';
import { referenceScreenRouter } from './reference-screen';
import { createSubscriptions } from './subscriptions';
import { SupergraphSource } from './supergraph';

export type { GatewayOptions } from './options';
export type { Readiness } from './readiness';
export { TrustedDocuments } from './trusted-documents';

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

/**
 * The gateway, assembled from its parts: token verification (auth.ts), the supergraph (watched),
 * the Redis caches and their invalidation (caches.ts), Apollo with the signed subgraph hop and the
 * plugins (apollo.ts), the probes (readiness.ts), the explorer, subscriptions (subscriptions/),
 * the `/graphql` pipeline (graphql-route.ts), file downloads (downloads.ts) and start/stop
 * (lifecycle.ts). A new concern
 * is a new part added here.
 */
export async function createGateway(opts: GatewayOptions): Promise<GatewayServer> {
  const log = opts.logger ?? createLogger('gateway');
  const metrics = createMetrics();
  if (isProduction(opts)) checkProductionSecrets(opts);
  const authenticate = createAuthenticator({
    jwtSecret: opts.jwtSecret,
    jwks: opts.jwks,
    maxSeconds: opts.tokenMaxSeconds,
  });
  const supergraph = new SupergraphSource({
    sdl: opts.supergraphSdl,
    file: opts.supergraphFile,
    log,
    metrics,
  });
  const caches = await createCaches(opts, supergraph, log, metrics);
  const apollo = await startApollo({ opts, supergraph, caches, log, metrics });
  const subscriptions = await createSubscriptions({ opts, authenticate, apollo, supergraph, metrics, log });
  const readiness = readinessCheck(supergraph, caches.store, opts.subgraphUrls);

  const app = express();
  app.disable('x-powered-by');
  app.use(probesRouter(readiness, metrics, opts.metricsToken));
  app.use(explorerRouter(opts));
  app.use(referenceScreenRouter(opts));
  app.use('/graphql/stream', ...subscriptions.route);
  app.use('/graphql', ...graphqlRoute({ opts, authenticate, apollo, caches, metrics }));
  app.get(
    '/downloads/:subgraph/:id',
    ...downloadsRoute({ opts, authenticate, supergraph, caches, metrics, log }),
  );
  app.use(bodyErrors(opts, log, metrics));

  return {
    app,
    metrics,
    supergraph,
    readiness,
    caughtUp: () => caches.caughtUp(),
    ...lifecycle(app, apollo, supergraph, caches, log, subscriptions),
  };
}
