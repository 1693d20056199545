import { z } from 'zod';
import { READ_PREFERENCES } from './mongo';

/**
 * The configuration every subgraph reads, parsed once and failing fast with every problem listed.
 * No defaults for secrets: the dev stack generates them, production injects them.
 */
const subgraphEnvSchema = z.object({
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URL'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL'),
  UNION_GRAPH_HOP_SECRET: z.string().min(32, 'must be at least 32 characters'),
  UNION_GRAPH_DB_PREFIX: z.string().default('union_'),
  UNION_GRAPH_KEYSPACE: z.string().default('ug:'),
  // Replica-set and cluster settings: unset means a single server (the development default).
  MONGO_WRITE_CONCERN: z
    .string()
    .regex(/^(majority|[1-9]\d*)$/, 'must be "majority" or a number of members')
    .transform((w) => (w === 'majority' ? w : Number(w)))
    .optional(),
  MONGO_READ_PREFERENCE_ANALYST: z.enum(READ_PREFERENCES).optional(),
  REDIS_CLUSTER_NODES: z
    .string()
    .optional()
    .transform((s) =>
      s
        ?.split(',')
        .map((n) => n.trim())
        .filter(Boolean),
    ),
  /** How often read models ask their sources for everything again (0: never). */
  UNION_GRAPH_RECONCILE_MINUTES: z.coerce.number().min(0).default(10),
  /** `/metrics` needs `Authorization: Bearer <this>`; unset, `/metrics` is not served. */
  UNION_GRAPH_METRICS_TOKEN: z.string().min(16).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type SubgraphEnv = z.infer<typeof subgraphEnvSchema>;

export class ConfigError extends Error {}

export function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

export function loadSubgraphEnv(env: NodeJS.ProcessEnv = process.env): SubgraphEnv {
  return parseEnv(subgraphEnvSchema, env);
}
