import { mkdirSync } from 'node:fs';
import { Redis } from 'ioredis';
import { aptInstall, commandExists, freePort, type Managed, startProcess, waitUntilReady } from './processes';

/**
 * Finds Debian's redis-server; on a fresh machine where we are root, installs it the same way
 * .ci/run does rather than leaving the two commands of the README broken.
 */
export function ensureRedisServer(log: (msg: string) => void = console.log): string {
  if (commandExists('redis-server')) return 'redis-server';
  aptInstall('redis-server', 'or set REDIS_URL to an existing Redis server.', log);
  return 'redis-server';
}

export async function pingRedisUrl(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => undefined); // the failed connect() below is the report
  try {
    await client.connect();
    await client.ping();
  } finally {
    client.disconnect();
  }
}

export interface RedisServerOptions {
  /**
   * Append-only persistence under `dataDir`, for tests that restart a server and expect its data
   * back. Defaults to true when a `dataDir` is given (`startRedis(dir)`), false otherwise.
   */
  persist?: boolean;
}

/**
 * redis-server's arguments: loopback only, and neither RDB snapshots (`--save ''`) nor an
 * append-only file unless persistence is asked for. The dev stack never asks: what Redis holds
 * (caches, streams, read models) rebuilds after a restart, and nothing personal is left on disk.
 */
export function redisServerArgs(
  port: number,
  dataDir?: string,
  { persist = dataDir !== undefined }: RedisServerOptions = {},
): string[] {
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--protected-mode', 'yes', '--save', ''];
  if (persist) {
    if (!dataDir) throw new Error('Redis persistence needs a data directory');
    args.push('--dir', dataDir, '--appendonly', 'yes');
  } else {
    args.push('--appendonly', 'no');
  }
  return args;
}

/**
 * Starts Redis on loopback: append-only persistence under `dataDir` (tests restarting it), or none
 * when omitted or `persist: false`. A given `port` restarts a stopped server where its clients
 * expect it (fault tests).
 */
export async function startRedis(
  dataDir?: string,
  port?: number,
  options: RedisServerOptions = {},
): Promise<{ url: string; proc: Managed }> {
  const bin = ensureRedisServer();
  port ??= await freePort();
  const args = redisServerArgs(port, dataDir, options);
  if (dataDir && args.includes('--dir')) mkdirSync(dataDir, { recursive: true });
  const proc = startProcess('redis', bin, args);
  const url = `redis://127.0.0.1:${port}`;
  await waitUntilReady(proc, () => pingRedisUrl(url));
  return { url, proc };
}
