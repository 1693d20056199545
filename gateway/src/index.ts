import { join } from 'node:path';
import { ROLES } from '@union-graph/auth';
import { createLogger, parseEnv, startTelemetry } from '@union-graph/subgraph-kit';
import { z } from 'zod';
import { createGateway } from './server';
import { TrustedDocuments } from './trusted-documents';

/** The supergraph `npm run compose` writes beside the gateway (see packages/supergraph). */
const SUPERGRAPH_FILE = join(__dirname, '..', 'supergraph.graphql');

const limit = z.number().int().positive().optional();
const roleLimitsSchema = z.partialRecord(
  z.enum(ROLES),
  z.strictObject({ maxDepth: limit, maxAliases: limit, maxRootFields: limit, maxCost: limit }),
);

const env = parseEnv(
  z.object({
    UNION_GRAPH_HOP_SECRET: z.string().min(32),
    UNION_GRAPH_JWT_SECRET: z.string().min(32).optional(),
    /** RS256/ES256 keys: a JWKS URL or file, re-read on rotation. */
    UNION_GRAPH_JWKS: z.string().optional(),
    UNION_GRAPH_SUPERGRAPH: z.string().default(SUPERGRAPH_FILE),
    UNION_GRAPH_SUBGRAPH_URLS: z
      .string()
      .optional()
      .transform((s) => (s ? (JSON.parse(s) as Record<string, string>) : undefined)),
    UNION_GRAPH_TRUSTED_DOCUMENTS: z.string().optional(),
    /** JSON, e.g. {"NATIONAL_ADMIN":{"maxCost":100000},"SERVICE_CLIENT":{"maxDepth":8}}. */
    UNION_GRAPH_ROLE_LIMITS: z
      .string()
      .optional()
      .transform((s) => (s ? roleLimitsSchema.parse(JSON.parse(s)) : undefined)),
    UNION_GRAPH_RATE_LIMIT: z.coerce.number().int().positive().default(1200),
    /** Requests per minute for all callers of one client together; default 10 × the caller limit. */
    UNION_GRAPH_CLIENT_RATE_LIMIT: z.coerce.number().int().positive().optional(),
    /** Longest answer in bytes (RESPONSE_TOO_LARGE beyond). */
    UNION_GRAPH_MAX_RESPONSE_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(5 * 1024 * 1024),
    /** Longest token lifetime (`exp - iat`) accepted, in hours. */
    UNION_GRAPH_TOKEN_MAX_HOURS: z.coerce.number().positive().default(12),
    /** `/metrics` needs `Authorization: Bearer <this>`; unset, `/metrics` is not served. */
    UNION_GRAPH_METRICS_TOKEN: z.string().min(16).optional(),
    UNION_GRAPH_KEYSPACE: z.string().default('ug:'),
    /** 32 bytes (64 hex digits or base64) encrypting the Redis caches; else derived from the hop secret. */
    UNION_GRAPH_CACHE_KEY: z.string().optional(),
    REDIS_URL: z.string().optional(),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.string().default('info'),
  }),
);

async function main(): Promise<void> {
  if (!env.UNION_GRAPH_JWT_SECRET && !env.UNION_GRAPH_JWKS)
    throw new Error('set UNION_GRAPH_JWT_SECRET (HS256) or UNION_GRAPH_JWKS (RS256/ES256), or both');
  const telemetry = startTelemetry('gateway');
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const gateway = await createGateway({
    supergraphFile: env.UNION_GRAPH_SUPERGRAPH,
    hopSecret: env.UNION_GRAPH_HOP_SECRET,
    jwtSecret: env.UNION_GRAPH_JWT_SECRET,
    jwks: env.UNION_GRAPH_JWKS,
    subgraphUrls: env.UNION_GRAPH_SUBGRAPH_URLS,
    redisUrl: env.REDIS_URL,
    keyspace: env.UNION_GRAPH_KEYSPACE,
    cacheKey: env.UNION_GRAPH_CACHE_KEY,
    roleLimits: env.UNION_GRAPH_ROLE_LIMITS,
    rateLimit: {
      requests: env.UNION_GRAPH_RATE_LIMIT,
      clientRequests: env.UNION_GRAPH_CLIENT_RATE_LIMIT,
      windowSeconds: 60,
    },
    maxResponseBytes: env.UNION_GRAPH_MAX_RESPONSE_BYTES,
    tokenMaxSeconds: Math.round(env.UNION_GRAPH_TOKEN_MAX_HOURS * 3600),
    metricsToken: env.UNION_GRAPH_METRICS_TOKEN,
    trustedDocuments: env.UNION_GRAPH_TRUSTED_DOCUMENTS
      ? TrustedDocuments.fromDirectory(env.UNION_GRAPH_TRUSTED_DOCUMENTS)
      : undefined,
    logger,
  });
  await gateway.listen(env.PORT, env.HOST);
  const shutdown = async () => {
    await gateway.stop();
    await telemetry?.shutdown();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
