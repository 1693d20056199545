import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose from 'mongoose';
import { DEFAULT_FERRETDB_BACKEND, type FerretDbServer, ferretDbBackend, startFerretDb } from '../ferretdb';
import { FERRETDB_POOL, postgresArgs } from '../postgres-server';

/**
 * FerretDB on PostgreSQL (issue #18), the default: one setting picks the backend; the stack runs a cluster of its
 * own on loopback, as the unprivileged `postgres` account when started by root; a FerretDB
 * restarted on the same folder and port finds its data, the server behind it having stayed up.
 */
describe('the FerretDB backend setting', () => {
  it('is PostgreSQL unless UNION_GRAPH_FERRETDB_BACKEND says sqlite, and refuses anything else', () => {
    expect(DEFAULT_FERRETDB_BACKEND).toBe('postgresql');
    expect(ferretDbBackend({})).toBe('postgresql');
    expect(ferretDbBackend({ UNION_GRAPH_FERRETDB_BACKEND: '' })).toBe('postgresql');
    expect(ferretDbBackend({ UNION_GRAPH_FERRETDB_BACKEND: 'sqlite' })).toBe('sqlite');
    expect(() => ferretDbBackend({ UNION_GRAPH_FERRETDB_BACKEND: 'postgres' })).toThrow(
      /must be one of sqlite, postgresql, not postgres/,
    );
  });

  it('gives PostgreSQL loopback only, no socket, room for FerretDB’s pool, and fsync only for kept data', () => {
    const kept = postgresArgs('/d', 5999, true).join(' ');
    expect(kept).toContain('-D /d -p 5999');
    expect(kept).toContain('-c listen_addresses=127.0.0.1 -c unix_socket_directories=');
    expect(kept).toContain(`-c max_connections=${FERRETDB_POOL + 20}`);
    expect(kept).not.toContain('fsync=off');
    expect(postgresArgs('/d', 5999, false).join(' ')).toContain('-c fsync=off');
  });
});

describe('FerretDB on a PostgreSQL cluster of its own', () => {
  let dir: string;
  let server: FerretDbServer | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'union-graph-pg-test-'));
  });
  afterAll(async () => {
    await server?.proc.stop();
    await server?.backendProc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function withDb<T>(url: string, work: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
    const client = await new mongoose.mongo.MongoClient(url).connect();
    try {
      return await work(client.db('restart_check'));
    } finally {
      await client.close();
    }
  }

  it('keeps the data when FerretDB alone restarts on the same folder and port', async () => {
    server = await startFerretDb(join(dir, 'ferretdb'), undefined, { backend: 'postgresql' });
    const postgres = server.backendProc!;
    expect(postgres.name).toBe('postgresql');
    const cluster = statSync(join(dir, 'ferretdb', 'postgresql'));
    // initdb refuses root: as root, the cluster belongs to the account that runs the server.
    if (process.getuid?.() === 0) expect(cluster.uid).not.toBe(0);
    expect(cluster.mode & 0o777).toBe(0o700);
    await withDb(server.url, (db) => db.collection('c').insertOne({ _id: 'kept' as never, n: 1 }));

    const port = Number(new URL(server.url).port);
    await server.proc.stop();
    server = await startFerretDb(join(dir, 'ferretdb'), port, { backend: 'postgresql' });
    expect(server.url).toBe(`mongodb://127.0.0.1:${port}`);
    expect(server.backendProc).toBe(postgres);
    expect(postgres.child.exitCode).toBeNull();
    expect(await withDb(server.url, (db) => db.collection('c').find().toArray())).toEqual([
      { _id: 'kept', n: 1 },
    ]);
  }, 60_000);
});
