import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { say, stackText } from './messages';
import { repoRoot } from './paths';
import { startPostgres } from './postgres-server';
import { commandExists, freePort, type Managed, startProcess, waitUntilReady } from './processes';

export const FERRETDB_VERSION = '1.24.2';

export function ferretDbBinary(root = repoRoot()): string {
  return (
    process.env.UNION_GRAPH_FERRETDB_BIN ?? join(root, '.cache', 'ferretdb', `ferretdb-${FERRETDB_VERSION}`)
  );
}

/**
 * Builds FerretDB from the pinned Go module in deploy/ferretdb once; later calls reuse the binary
 * (and Go reuses its module cache).
 */
export function ensureFerretDb(log: (msg: string) => void = console.log): string {
  const root = repoRoot();
  const bin = ferretDbBinary(root);
  if (existsSync(bin)) return bin;
  if (!commandExists('go')) {
    throw new Error(
      'FerretDB is not built yet and Go is missing. Install Go 1.24+ (https://go.dev/dl or `apt-get install golang`), ' +
        'or set MONGO_URL to an existing MongoDB server.',
    );
  }
  log(say(stackText('buildingFerretDb', { version: FERRETDB_VERSION })));
  mkdirSync(join(root, '.cache', 'ferretdb'), { recursive: true });
  const result = spawnSync('go', ['build', '-trimpath', '-o', bin, '.'], {
    cwd: join(root, 'deploy', 'ferretdb'),
    env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`building FerretDB failed (go build exited ${result.status})`);
  return bin;
}

export async function pingMongoUrl(url: string): Promise<void> {
  const client = new mongoose.mongo.MongoClient(url, { serverSelectionTimeoutMS: 1000 });
  try {
    await client.connect();
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}

export const FERRETDB_BACKENDS = ['sqlite', 'postgresql'] as const;
export type FerretDbBackend = (typeof FERRETDB_BACKENDS)[number];
/** What `npm start`, the tests and the bench use unless UNION_GRAPH_FERRETDB_BACKEND says otherwise. */
// PostgreSQL by the numbers of docs/database-backends.md: it filters equalities, SQLite scans.
export const DEFAULT_FERRETDB_BACKEND: FerretDbBackend = 'postgresql';

/** The one setting that chooses where FerretDB keeps its data. */
export function ferretDbBackend(env: NodeJS.ProcessEnv = process.env): FerretDbBackend {
  const value = env.UNION_GRAPH_FERRETDB_BACKEND || DEFAULT_FERRETDB_BACKEND;
  if (!(FERRETDB_BACKENDS as readonly string[]).includes(value))
    throw new Error(
      `UNION_GRAPH_FERRETDB_BACKEND must be one of ${FERRETDB_BACKENDS.join(', ')}, not ${value}`,
    );
  return value as FerretDbBackend;
}

export interface FerretDbServer {
  url: string;
  /** FerretDB itself: stopping it keeps the data (and a PostgreSQL backend running). */
  proc: Managed;
  /** The PostgreSQL server behind it, when the backend is postgresql. */
  backendProc?: Managed;
}

export interface FerretDbOptions {
  backend?: FerretDbBackend;
  /** False for data nobody keeps (PostgreSQL then skips fsync); defaults to whether `dataDir` is given. */
  durable?: boolean;
}

/** FerretDB's storage arguments, starting PostgreSQL when it is the backend. */
async function storage(
  backend: FerretDbBackend,
  dataDir: string | undefined,
  durable: boolean,
): Promise<{ args: string[]; backendProc?: Managed }> {
  if (backend === 'sqlite') {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const url = dataDir ? `file:${dataDir.endsWith('/') ? dataDir : `${dataDir}/`}` : 'file:./?mode=memory';
    return { args: [`--sqlite-url=${url}`] };
  }
  const throwaway = dataDir ? undefined : mkdtempSync(join(tmpdir(), 'union-graph-pg-'));
  const pg = await startPostgres(join(dataDir ?? throwaway!, 'postgresql'), { durable });
  if (throwaway) void pg.proc.exited.then(() => rmSync(throwaway, { recursive: true, force: true }));
  return { args: ['--handler=postgresql', `--postgresql-url=${pg.url}`], backendProc: pg.proc };
}

/**
 * Starts FerretDB on loopback, its data in SQLite files or a PostgreSQL cluster under `dataDir`
 * (in memory, or a throwaway cluster, when it is omitted). A given `port` restarts a stopped
 * FerretDB where its clients expect it (fault tests); on PostgreSQL only FerretDB restarts, the
 * server under the same `dataDir` keeps running with the data.
 */
export async function startFerretDb(
  dataDir?: string,
  port?: number,
  { backend = ferretDbBackend(), durable = dataDir !== undefined }: FerretDbOptions = {},
): Promise<FerretDbServer> {
  const bin = ensureFerretDb();
  port ??= await freePort();
  const { args, backendProc } = await storage(backend, dataDir, durable);
  const proc = startProcess('ferretdb', bin, [
    `--listen-addr=127.0.0.1:${port}`,
    ...args,
    '--log-level=warn',
  ]);
  const url = `mongodb://127.0.0.1:${port}`;
  await waitUntilReady(proc, () => pingMongoUrl(url));
  return { url, proc, ...(backendProc && { backendProc }) };
}
