import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { type Logger, languagePlugin } from '@union-graph/subgraph-kit';
import { responseCacheability } from './cacheability';
import type { GatewayCaches } from './caches';
import { scopeKey } from './entity-cache';
import { DEFAULT_LIMITS } from './limits';
import type { Metrics } from './metrics';
import { observePlugin } from './observe';
import { DEFAULT_MAX_RESPONSE_BYTES, type GatewayOptions, isProduction } from './options';
import { policyPlugin, responseCeilingPlugin } from './policy';
import { noteDependencies } from './response-cache';
import type { GatewayContext } from './signed-data-source';
import { subgraphServices } from './subgraph-services';
import type { SupergraphSource } from './supergraph';
import { writeBarrierPlugin } from './write-barrier';

export interface ApolloParts {
  opts: GatewayOptions;
  supergraph: SupergraphSource;
  caches: GatewayCaches;
  log: Logger;
  metrics: Metrics;
}

/** Apollo's gateway over the supergraph, and the server that plans and answers with it. */
export async function startApollo({
  opts,
  supergraph,
  caches,
  log,
  metrics,
}: ApolloParts): Promise<ApolloServer<GatewayContext>> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    buildService: subgraphServices(opts, caches.entityCache, metrics),
  });
  const { responseCache, apqCache } = caches;
  const cacheability = responseCacheability<GatewayContext>();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: false,
    csrfPrevention: true,
    introspection: true,
    // No "Did you mean …" in production: suggestions spell out the schema to whoever guesses.
    hideSchemaDetailsFromClientErrors: isProduction(opts),
    parseOptions: { maxTokens: limits.maxTokens },
    // Apollo gives a mismatched APQ hash no code of its own.
    formatError: (formatted) =>
      formatted.message === 'provided sha does not match query'
        ? { ...formatted, extensions: { ...formatted.extensions, code: 'PERSISTED_QUERY_HASH_MISMATCH' } }
        : formatted,
    persistedQueries: apqCache ? { cache: apqCache, ttl: 86_400 } : undefined,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      responseCeilingPlugin(opts.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, metrics),
      // The gateway's own refusals in English for a caller who asked; subgraphs word theirs.
      languagePlugin(),
      observePlugin(metrics, log),
      policyPlugin(opts, limits),
      ...(responseCache
        ? [
            responseCachePlugin<GatewayContext>({
              cache: responseCache,
              sessionId: async ({ contextValue }) => scopeKey(contextValue.caller),
              // A subscription's answer to an event must show that event's change, which this
              // instance's invalidation may not have applied yet (another instance may).
              // An operation that last came back uncacheable costs no key hashing and no Redis.
              shouldReadFromCache: async (ctx) =>
                !ctx.contextValue.subscriptionEvent && cacheability.worthLookingUp(ctx),
              // Records what the answer depends on, for the events that must drop it.
              shouldWriteToCache: async (ctx) => noteDependencies(ctx),
            }),
            cacheability.plugin,
            writeBarrierPlugin(caches),
          ]
        : []),
    ],
  });
  await apollo.start();
  return apollo;
}
