import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FerretDbBackend, ferretDbBackend, startFerretDb } from './ferretdb';
import { type Managed, onShutdown } from './processes';
import { startRedis } from './redis-server';

/** Redis without persistence, after removing what an older, persisting dev stack left on disk. */
function startEphemeralRedis(dataDir: string | undefined) {
  if (dataDir) rmSync(join(dataDir, 'redis'), { recursive: true, force: true });
  return startRedis(undefined, undefined, { persist: false });
}

export interface DevStack {
  mongoUrl: string;
  redisUrl: string;
  /** Where the FerretDB this stack started keeps its data (undefined with MONGO_URL). */
  backend?: FerretDbBackend;
  /** Which servers this stack started (the others came from MONGO_URL / REDIS_URL). */
  started: string[];
  stop(): Promise<void>;
}

/**
 * Real database and cache for development and tests. `MONGO_URL` / `REDIS_URL` win when set;
 * otherwise FerretDB and Redis are started as children on free loopback ports. With `dataDir`
 * FerretDB's data survives restarts; without it the data is thrown away. Redis never persists
 * (no RDB, no append-only file): its caches held administrators' answers, personal data included,
 * and everything in it rebuilds after a restart (caches refill, read models reconcile from their
 * sources when their stream is gone). An append-only file left by an older stack is deleted.
 * FerretDB's backend is UNION_GRAPH_FERRETDB_BACKEND's (SQLite or a PostgreSQL cluster of its own,
 * under `dataDir` too) unless `backend` names one (the bench runs both).
 */
export async function startDevStack({
  dataDir,
  env = process.env,
  backend = ferretDbBackend(env),
}: {
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
  backend?: FerretDbBackend;
} = {}): Promise<DevStack> {
  const procs: Managed[] = [];
  const throwaway = dataDir ? undefined : mkdtempSync(join(tmpdir(), 'union-graph-'));
  const dir = dataDir ?? throwaway!;
  const cleanUp = async () => {
    await Promise.all(procs.map((p) => p.stop()));
    if (throwaway) rmSync(throwaway, { recursive: true, force: true });
  };
  try {
    const [mongo, redis] = await Promise.all([
      env.MONGO_URL
        ? { url: env.MONGO_URL, proc: undefined, backendProc: undefined }
        : startFerretDb(join(dir, 'ferretdb'), undefined, { backend, durable: dataDir !== undefined }),
      env.REDIS_URL ? { url: env.REDIS_URL, proc: undefined } : startEphemeralRedis(dataDir),
    ]);
    for (const p of [mongo.proc, mongo.backendProc, redis.proc]) if (p) procs.push(p);
    onShutdown(cleanUp);
    return {
      mongoUrl: mongo.url,
      redisUrl: redis.url,
      ...(!env.MONGO_URL && { backend }),
      started: procs.map((p) => p.name),
      stop: cleanUp,
    };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}
