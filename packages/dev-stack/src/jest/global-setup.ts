import { randomBytes } from 'node:crypto';
import { type DevStack, startDevStack } from '../stack';

declare global {
  var __UNION_GRAPH_STACK__: DevStack | undefined;
}

/**
 * Jest global setup: one FerretDB and one Redis for the whole run (unless MONGO_URL / REDIS_URL
 * point elsewhere). Workers inherit the URLs; each test file then takes its own databases.
 */
export default async function globalSetup(): Promise<void> {
  if (globalThis.__UNION_GRAPH_STACK__) return;
  const stack = await startDevStack();
  globalThis.__UNION_GRAPH_STACK__ = stack;
  process.env.MONGO_URL = stack.mongoUrl;
  process.env.REDIS_URL = stack.redisUrl;
  // Tests that depend on which server they run against (FerretDB's gaps) read what was started.
  process.env.UNION_GRAPH_TEST_STARTED = stack.started.join(',');
  process.env.UNION_GRAPH_HOP_SECRET ??= randomBytes(32).toString('hex');
  process.env.UNION_GRAPH_JWT_SECRET ??= randomBytes(32).toString('hex');
}
