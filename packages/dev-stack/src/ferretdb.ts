import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { repoRoot } from './paths';
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
  log(`building FerretDB ${FERRETDB_VERSION} from deploy/ferretdb (first run only, about a minute)…`);
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

/**
 * Starts FerretDB on loopback: SQLite files under `dataDir`, or in memory when it is omitted. A
 * given `port` restarts a stopped server where its clients expect it (fault tests).
 */
export async function startFerretDb(
  dataDir?: string,
  port?: number,
): Promise<{ url: string; proc: Managed }> {
  const bin = ensureFerretDb();
  port ??= await freePort();
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const sqliteUrl = dataDir
    ? `file:${dataDir.endsWith('/') ? dataDir : `${dataDir}/`}`
    : 'file:./?mode=memory';
  const proc = startProcess('ferretdb', bin, [
    `--listen-addr=127.0.0.1:${port}`,
    `--sqlite-url=${sqliteUrl}`,
    '--log-level=warn',
  ]);
  const url = `mongodb://127.0.0.1:${port}`;
  await waitUntilReady(proc, () => pingMongoUrl(url));
  return { url, proc };
}
