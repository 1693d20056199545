import { readFileSync } from 'node:fs';
import { createLogger, parseEnv } from '@union-graph/subgraph-kit';
import { z } from 'zod';
import { createGateway } from './server';
import { SUPERGRAPH_FILE } from './subgraphs';

const env = parseEnv(
  z.object({
    UNION_GRAPH_HOP_SECRET: z.string().min(32),
    UNION_GRAPH_JWT_SECRET: z.string().min(32),
    UNION_GRAPH_SUPERGRAPH: z.string().default(SUPERGRAPH_FILE),
    UNION_GRAPH_SUBGRAPH_URLS: z
      .string()
      .optional()
      .transform((s) => (s ? (JSON.parse(s) as Record<string, string>) : undefined)),
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: z.string().default('info'),
  }),
);

async function main(): Promise<void> {
  const logger = createLogger('gateway', env.LOG_LEVEL);
  const gateway = await createGateway({
    supergraphSdl: readFileSync(env.UNION_GRAPH_SUPERGRAPH, 'utf8'),
    hopSecret: env.UNION_GRAPH_HOP_SECRET,
    jwtSecret: env.UNION_GRAPH_JWT_SECRET,
    subgraphUrls: env.UNION_GRAPH_SUBGRAPH_URLS,
    logger,
  });
  await gateway.listen(env.PORT, env.HOST);
  const shutdown = async () => {
    await gateway.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown());
  process.once('SIGINT', () => void shutdown());
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
