import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './paths';
import { aptInstall, freePort, type Managed, startProcess, waitUntilReady } from './processes';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest Debian PostgreSQL's bin folder (`/usr/lib/postgresql/<major>/bin`), or undefined. */
function installedBinDir(): string | undefined {
  if (!existsSync(DEBIAN_ROOT)) return undefined;
  return readdirSync(DEBIAN_ROOT)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => join(DEBIAN_ROOT, v, 'bin'))
    .find((bin) => existsSync(join(bin, 'postgres')) && existsSync(join(bin, 'initdb')));
}

/**
 * Finds Debian's PostgreSQL server (its binaries are not on PATH); on a fresh machine where we are
 * root, installs the `postgresql` package as the stack does for Redis.
 */
export function ensurePostgres(log: (msg: string) => void = console.log): string {
  const found = installedBinDir();
  if (found) return found;
  aptInstall(
    'postgresql',
    'set UNION_GRAPH_FERRETDB_BACKEND=sqlite, or set MONGO_URL to an existing MongoDB server.',
    log,
  );
  const bin = installedBinDir();
  if (!bin) throw new Error(`the postgresql package installed no server under ${DEBIAN_ROOT}`);
  return bin;
}

interface Account {
  uid: number;
  gid: number;
  home: string;
}

/** PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` account. */
function serverAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  if (!line) throw new Error('running as root, but there is no `postgres` user to run PostgreSQL as');
  const [, , uid, gid, , home] = line.split(':');
  return { uid: Number(uid), gid: Number(gid), home: home ?? '/var/lib/postgresql' };
}

const inside = (dir: string, parent: string) => dir === parent || dir.startsWith(parent + sep);

/**
 * Where `wanted` can be reached by the server's account. Folders of ours on the way (in the
 * repository or the temp folder) get search permission only (`o+x`, no listing); when a folder we
 * do not own blocks the way (a checkout under `/root`), the cluster lives in the account's home,
 * one per wanted path.
 */
function reachableClusterDir(wanted: string, account: Account | undefined): string {
  if (!account) return wanted;
  const ours = [repoRoot(), resolve(tmpdir())];
  const blocked: string[] = [];
  for (let dir = dirname(wanted); ; dir = dirname(dir)) {
    if (existsSync(dir)) {
      const st = statSync(dir);
      const searchable = st.uid === account.uid ? (st.mode & 0o100) !== 0 : (st.mode & 0o001) !== 0;
      if (!searchable) blocked.push(dir);
    }
    if (dirname(dir) === dir) break;
  }
  if (blocked.some((d) => !ours.some((o) => inside(d, o))))
    return join(account.home, 'union-graph', createHash('sha256').update(wanted).digest('hex').slice(0, 16));
  for (const d of blocked) chmodSync(d, statSync(d).mode | 0o001);
  return wanted;
}

/** Creates the cluster on first use: trust authentication, which only loopback can reach. */
function initCluster(bin: string, dir: string, account: Account | undefined, durable: boolean): void {
  mkdirSync(dir, { recursive: true });
  if (account) chownSync(dir, account.uid, account.gid);
  chmodSync(dir, 0o700);
  if (existsSync(join(dir, 'PG_VERSION'))) return;
  const args = ['-D', dir, '--auth=trust', '--username=postgres', '--encoding=UTF8', '--locale=C'];
  const r = spawnSync(join(bin, 'initdb'), [...args, ...(durable ? [] : ['--no-sync'])], {
    cwd: dir,
    ...(account && { uid: account.uid, gid: account.gid }),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`initdb ${dir} failed:\n${r.stderr || r.error}`);
}

/**
 * FerretDB's connections to PostgreSQL. Its default, 50, hangs an update command of 50 statements
 * for good (measured: 49 answer in 60 ms, 50 never; the kit writes snapshots 50 to a command).
 */
export const FERRETDB_POOL = 200;

/**
 * Server settings: loopback TCP only (no Unix socket, whose default folder needs root). A
 * throwaway cluster (tests, the bench) skips fsync; a kept one (`.data/`) only commits
 * asynchronously, which can lose the last moments of writes on a crash but never corrupts.
 */
export function postgresArgs(dir: string, port: number, durable: boolean): string[] {
  const settings = [
    `max_connections=${FERRETDB_POOL + 20}`,
    'listen_addresses=127.0.0.1',
    'unix_socket_directories=',
    'synchronous_commit=off',
    ...(durable ? [] : ['fsync=off', 'full_page_writes=off']),
  ];
  return ['-D', dir, '-p', String(port), ...settings.flatMap((s) => ['-c', s])];
}

const pgIsReady = promisify(execFile);

export interface PostgresServer {
  url: string;
  proc: Managed;
}

/** Running servers by cluster folder: FerretDB restarted on the same folder finds its server still up. */
const running = new Map<string, Promise<PostgresServer>>();

/**
 * Starts (or finds running) a PostgreSQL cluster in `dataDir`, on a free loopback port. `durable`
 * false for data nobody keeps.
 */
export function startPostgres(
  dataDir: string,
  { durable = true }: { durable?: boolean } = {},
): Promise<PostgresServer> {
  const key = resolve(dataDir);
  const existing = running.get(key);
  if (existing) return existing;
  const started = (async () => {
    const bin = ensurePostgres();
    const account = serverAccount();
    const dir = reachableClusterDir(key, account);
    initCluster(bin, dir, account, durable);
    const port = await freePort();
    const proc = startProcess('postgresql', join(bin, 'postgres'), postgresArgs(dir, port, durable), {
      cwd: dir,
      ...(account && { user: { uid: account.uid, gid: account.gid } }),
      stopSignal: 'SIGINT',
    });
    void proc.exited.then(() => running.delete(key));
    await waitUntilReady(proc, () =>
      pgIsReady(join(bin, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres']),
    );
    return { url: `postgres://postgres@127.0.0.1:${port}/postgres?pool_max_conns=${FERRETDB_POOL}`, proc };
  })();
  running.set(key, started);
  started.catch(() => running.delete(key));
  return started;
}
