import mongoose, { type Connection, type ConnectOptions } from 'mongoose';

export const READ_PREFERENCES = [
  'primary',
  'primaryPreferred',
  'secondary',
  'secondaryPreferred',
  'nearest',
] as const;
export type ReadPreferenceMode = (typeof READ_PREFERENCES)[number];

/**
 * Replica-set settings. Each is applied only when configured, so the defaults keep working on a
 * single server (FerretDB in development); retryable writes and reads are the driver's default.
 */
export interface MongoSettings {
  /** `majority` on a replica set: an acknowledged write survives the loss of the primary. */
  writeConcern?: 'majority' | number;
  /** Where this connection reads; set on the analysts' connection only (see createSubgraph). */
  readPreference?: ReadPreferenceMode;
}

export function mongoOptions(dbName: string, settings: MongoSettings = {}): ConnectOptions {
  return {
    dbName,
    // Lets tests and the benchmark count round trips; the driver only emits when asked to.
    monitorCommands: true,
    serverSelectionTimeoutMS: 10_000,
    ...(settings.writeConcern !== undefined && {
      // Bounded, so a replica set that lost its majority fails writes instead of hanging them.
      writeConcern: { w: settings.writeConcern, wtimeoutMS: 10_000 },
    }),
    ...(settings.readPreference && {
      readPreference: settings.readPreference,
      // A secondary's own connection must not build indexes: the primary connection owns them.
      autoIndex: false,
      autoCreate: false,
    }),
  };
}

/**
 * One connection per subgraph, to its own database: models are registered on the connection, never
 * on the global mongoose, so several subgraphs can share a process (tests) without sharing data.
 */
export async function connectMongo(
  url: string,
  dbName: string,
  settings?: MongoSettings,
): Promise<Connection> {
  const conn = mongoose.createConnection(url, mongoOptions(dbName, settings));
  conn.plugin(largeCursorBatches);
  await conn.asPromise();
  return conn;
}

/**
 * Cursors return 101 documents in their first batch and fetch the rest with `getMore`, so one
 * batched read of 1000 ids would still cost ten round trips. Reads here are bounded by page sizes
 * and DataLoader batches, so each is asked for in one batch.
 */
export const CURSOR_BATCH_SIZE = 100_000;

function largeCursorBatches(schema: mongoose.Schema): void {
  schema.pre(['find', 'findOne'], function () {
    if (this.getOptions().batchSize === undefined) this.batchSize(CURSOR_BATCH_SIZE);
  });
  schema.pre('aggregate', function () {
    if (this.options.batchSize === undefined) this.option({ batchSize: CURSOR_BATCH_SIZE });
  });
}

/** Counts database commands sent on a connection: the N+1 guard for tests and the benchmark. */
export function countCommands(
  conn: Connection,
  /** Collections whose commands are not counted (e.g. the access log a read also writes). */
  opts: { ignoreCollections?: readonly string[] } = {},
): { readonly count: number; reset(): void; stop(): void } {
  let count = 0;
  const ignored = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions']);
  const collections = new Set(opts.ignoreCollections ?? []);
  const onStart = (e: { commandName: string; command?: Record<string, unknown> }) => {
    if (ignored.has(e.commandName)) return;
    if (collections.has(String(e.command?.[e.commandName] ?? ''))) return;
    count += 1;
  };
  const client = conn.getClient();
  client.on('commandStarted', onStart);
  return {
    get count() {
      return count;
    },
    reset() {
      count = 0;
    },
    stop() {
      client.off('commandStarted', onStart);
    },
  };
}

export async function pingMongo(conn: Connection): Promise<void> {
  if (!conn.db) throw new Error('not connected');
  await conn.db.admin().ping();
}

/** What serves a connection: MongoDB, or FerretDB (which answers `buildInfo` with `ferretdbVersion`). */
export type DatabaseKind = 'mongodb' | 'ferretdb';

/**
 * Asked once at connect time: FerretDB has no transactions and applies updates as unlocked
 * read-modify-writes, so a subgraph on it must run as one replica (see updates.ts).
 */
export async function detectDatabase(conn: Connection): Promise<DatabaseKind> {
  if (!conn.db) throw new Error('not connected');
  const info = await conn.db.admin().command({ buildInfo: 1 });
  return 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
}

/** Identifiers are strings everywhere (ObjectId hex by default), so cross-subgraph keys compare simply. */
export function newId(): string {
  return new mongoose.Types.ObjectId().toHexString();
}

export const idField = { type: String, default: newId } as const;
