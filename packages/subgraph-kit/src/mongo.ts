import { AsyncLocalStorage } from 'node:async_hooks';
import mongoose, { type Connection, type ConnectOptions } from 'mongoose';
import { guardDriverWrites } from './driver-guard';
import { isDuplicateKey } from './errors';
import { commandCollection, traceMongoCommands, tracingEnabled } from './telemetry';

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
    // Lets tests and the benchmark count round trips, and feeds the metrics and traces (metrics.ts,
    // telemetry.ts); the driver only emits when asked to.
    monitorCommands: true,
    serverSelectionTimeoutMS: 10_000,
    // After the database restarts, a monitor or pool connection stuck in its handshake gives up in
    // 5 s (not the driver's 30), and the server is checked every 5 s, so requests recover within
    // seconds of the database coming back.
    connectTimeoutMS: 5_000,
    heartbeatFrequencyMS: 5_000,
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
  guardDriverWrites();
  const conn = mongoose.createConnection(url, mongoOptions(dbName, settings));
  conn.plugin(largeCursorBatches);
  if (tracingEnabled()) traceMongoCommands(conn);
  await conn.asPromise();
  // The loaders shape their batches by what serves them (see queryByKeys).
  if ((await detectDatabase(conn)) === 'ferretdb') conn.plugin(withoutArrayIndexes);
  return conn;
}

/**
 * FerretDB 1.x indexes an array as one value: on its PostgreSQL backend a document whose indexed
 * array is long (a posting paying a national subsidy plan to a thousand townships lists every one
 * in `orgIds`) exceeds a btree row and cannot be written at all. Neither backend answers a query
 * from a secondary index (PostgreSQL filters in the backend, SQLite scans), so on FerretDB the
 * models of the connection leave out their non-unique indexes over arrays; on MongoDB they stay
 * (multikey indexes serve `orgIds: id`). Unique indexes stay everywhere: they are constraints.
 */
function withoutArrayIndexes(schema: mongoose.Schema): void {
  const unique = (index: unknown) =>
    typeof index === 'object' && index !== null && 'unique' in index && !!index.unique;
  const isArray = (path: string) => schema.path(path.split('.')[0]!) instanceof mongoose.Schema.Types.Array;
  for (const [name, type] of Object.entries(schema.paths)) {
    if (!isArray(name)) continue;
    for (const t of [type, (type as { embeddedSchemaType?: mongoose.SchemaType }).embeddedSchemaType])
      if (t && (t as { _index?: unknown })._index && !unique((t as { _index?: unknown })._index))
        t.index(false);
  }
  for (const [fields, options] of schema.indexes())
    if (!unique(options) && Object.keys(fields).some(isArray)) schema.removeIndex(fields);
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

/** Marks the commands of one keyed batch sent as parallel queries (see queryByKeys). */
const keyedBatch = new AsyncLocalStorage<object>();

/** Runs `work`, whose commands are one keyed batch for countCommands' `count`. */
export function asOneBatch<T>(work: () => Promise<T>): Promise<T> {
  return keyedBatch.run({}, work);
}

export interface CommandCounter {
  /** Commands sent, the parallel queries of one keyed batch (asOneBatch) counting once. */
  readonly count: number;
  /**
   * Sequential round trips on the critical path: the longest chain of commands each sent after
   * the previous one answered; commands in flight together count once. Flat in page size: no N+1.
   */
  readonly roundTrips: number;
  /** Every command sent, each parallel query of a batch on its own. */
  readonly commands: number;
  /**
   * Commands sent where `only` did not hold (e.g. background work), outside every other figure, by
   * command and collection (`insert withdrawalproposals`).
   */
  readonly others: Readonly<Record<string, number>>;
  reset(): void;
  stop(): void;
}

/**
 * Work a subgraph does on its own behalf (its statistics read model re-reading what events name),
 * which no request caused: command counters leave it out, as they leave out what `only` rejects.
 */
const backgroundWork = new AsyncLocalStorage<true>();
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return backgroundWork.run(true, work);
}

/**
 * Counts database commands sent on a connection (driver command monitoring): the N+1 guard for
 * tests and the benchmark. A command's depth is one more than the deepest command that had
 * answered when its operation asked the pool for a connection, so a query of a parallel batch that
 * waits for a new connection while another answers stays in the same round trip.
 */
export function countCommands(
  conn: Connection,
  opts: {
    /** Collections whose commands are not counted (e.g. the access log a read also writes). */
    ignoreCollections?: readonly string[];
    /**
     * Whether the command being sent is one to count, asked as it starts (in the async context of
     * the operation sending it): e.g. a request's own, so that background work running meanwhile
     * (jobs, read-model sync, the outbox) neither counts nor deepens the critical path.
     */
    only?: () => boolean;
  } = {},
): CommandCounter {
  let count = 0;
  let commands = 0;
  let others: Record<string, number> = {};
  let answeredDepth = 0;
  let deepest = 0;
  let batches = new WeakSet<object>();
  // Depths of operations waiting for a connection, in the pool's (first come, first served) order.
  const waiting: number[] = [];
  const onConnection = new Map<string, number>();
  const inFlight = new Map<number, number>();
  const ignored = new Set(['hello', 'isMaster', 'ismaster', 'ping', 'endSessions']);
  const collections = new Set(opts.ignoreCollections ?? []);
  type PoolEvent = { address: string; connectionId?: unknown };
  const connectionKey = (e: PoolEvent) => `${e.address}#${e.connectionId}`;
  const onCheckOut = () => waiting.push(answeredDepth + 1);
  const onCheckedOut = (e: PoolEvent) => {
    const depth = waiting.shift();
    if (depth !== undefined) onConnection.set(connectionKey(e), depth);
  };
  const onCheckOutFailed = () => waiting.shift();
  const onStart = (
    e: PoolEvent & { commandName: string; requestId: number; command?: Record<string, unknown> },
  ) => {
    const depth = onConnection.get(connectionKey(e)) ?? answeredDepth + 1;
    onConnection.delete(connectionKey(e));
    if (ignored.has(e.commandName)) return;
    const collection = commandCollection(e);
    if (collections.has(collection)) return;
    if (backgroundWork.getStore() || (opts.only && !opts.only())) {
      const what = `${e.commandName} ${collection}`;
      others[what] = (others[what] ?? 0) + 1;
      return;
    }
    commands += 1;
    const batch = keyedBatch.getStore();
    if (!batch || !batches.has(batch)) count += 1;
    if (batch) batches.add(batch);
    inFlight.set(e.requestId, depth);
    deepest = Math.max(deepest, depth);
  };
  const onEnd = (e: { requestId: number }) => {
    const depth = inFlight.get(e.requestId);
    if (depth === undefined) return;
    inFlight.delete(e.requestId);
    answeredDepth = Math.max(answeredDepth, depth);
  };
  const listeners = {
    connectionCheckOutStarted: onCheckOut,
    connectionCheckedOut: onCheckedOut,
    connectionCheckOutFailed: onCheckOutFailed,
    commandStarted: onStart,
    commandSucceeded: onEnd,
    commandFailed: onEnd,
  } as const;
  const client = conn.getClient();
  for (const [name, listener] of Object.entries(listeners)) client.on(name as 'commandStarted', listener);
  return {
    get count() {
      return count;
    },
    get roundTrips() {
      return deepest;
    },
    get commands() {
      return commands;
    },
    get others() {
      return { ...others };
    },
    reset() {
      count = 0;
      commands = 0;
      others = {};
      answeredDepth = 0;
      deepest = 0;
      batches = new WeakSet();
      // Operations still under way belong to what came before.
      waiting.length = 0;
      onConnection.clear();
      inFlight.clear();
    },
    stop() {
      for (const [name, listener] of Object.entries(listeners))
        client.off(name as 'commandStarted', listener);
    },
  };
}

export async function pingMongo(conn: Connection): Promise<void> {
  if (!conn.db) throw new Error('not connected');
  await conn.db.admin().ping();
}

/** What serves a connection: MongoDB, or FerretDB (which answers `buildInfo` with `ferretdbVersion`). */
export type DatabaseKind = 'mongodb' | 'ferretdb';

const detected = new WeakMap<Connection, { kind: DatabaseKind; fieldPushdown: boolean }>();

/** Where FerretDB is asked what it pushes down: a database of its own, holding one document. */
export const PROBE_DATABASE = 'union_graph_probe';

/**
 * Whether FerretDB hands a filter on a field other than `_id` to its backend (PostgreSQL: yes;
 * SQLite: no, it reads the whole collection): its own `explain` says so, on a collection that
 * exists. Anything unexpected answers no, which keeps the loaders' `$in` shape.
 */
async function fieldPushdown(conn: Connection): Promise<boolean> {
  try {
    const db = conn.getClient().db(PROBE_DATABASE);
    await db
      .collection<{ _id: string; f: number }>('pushdown')
      .insertOne({ _id: 'probe', f: 1 })
      .catch((e: unknown) => {
        if (!isDuplicateKey(e)) throw e;
      });
    const plan = await db.command({
      explain: { find: 'pushdown', filter: { f: 1 } },
      verbosity: 'queryPlanner',
    });
    return plan.filterPushdown === true;
  } catch {
    return false;
  }
}

/**
 * Asked once at connect time (connectMongo): FerretDB has no transactions and applies updates as
 * unlocked read-modify-writes, so a subgraph on it must run as one replica (see updates.ts), and
 * it scans for `$in` (see queryByKeys).
 */
export async function detectDatabase(conn: Connection): Promise<DatabaseKind> {
  if (!conn.db) throw new Error('not connected');
  const info = await conn.db.admin().command({ buildInfo: 1 });
  const kind = 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
  detected.set(conn, { kind, fieldPushdown: kind === 'ferretdb' && (await fieldPushdown(conn)) });
  return kind;
}

/** What detectDatabase found for a connection (connectMongo asks at once); undefined if never asked. */
export function knownDatabase(conn: Connection): DatabaseKind | undefined {
  return detected.get(conn)?.kind;
}

/**
 * Whether FerretDB serves `{ field: value }` without reading the whole collection: always for
 * `_id`, for other fields on a backend that filters itself (PostgreSQL). False on MongoDB, whose
 * indexes serve `$in` as well, and on a connection never detected.
 */
export function ferretDbPushesDown(conn: Connection, field: string): boolean {
  const known = detected.get(conn);
  return known?.kind === 'ferretdb' && (field === '_id' || known.fieldPushdown);
}

type Filter = Record<string, unknown>;

/** `{ $in: [v] }` of a single plain value: the equality `v`, which matches the same documents. */
function asEquality(condition: unknown): unknown {
  if (typeof condition !== 'object' || condition === null || Object.keys(condition).length !== 1)
    return condition;
  const values = (condition as { $in?: unknown }).$in;
  if (!Array.isArray(values) || values.length !== 1) return condition;
  const [v] = values;
  return ['string', 'number', 'boolean'].includes(typeof v) ? v : condition;
}

const isEquality = ([field, condition]: [string, unknown]) =>
  !field.startsWith('$') &&
  (typeof condition !== 'object' ||
    condition === null ||
    condition instanceof Date ||
    Array.isArray(condition));

/**
 * The conjunction of `filters` as one document with its equalities first: FerretDB hands a
 * top-level `field: value` to its backend (PostgreSQL filters there) and reads the whole collection
 * for anything under `$and`. Only a field constrained by more than one filter (and any `$and`
 * given) goes under `$and`, the first condition on it staying at the top. MongoDB matches the same
 * documents either way.
 */
export function allOf(...filters: Filter[]): Filter {
  const top = new Map<string, unknown>();
  const more: Filter[] = [];
  for (const filter of filters) {
    for (const [field, condition] of Object.entries(filter)) {
      if (field === '$and') more.push(...(condition as Filter[]));
      else if (top.has(field)) more.push({ [field]: condition });
      else top.set(field, asEquality(condition));
    }
  }
  const ordered = [...top].sort((a, b) => Number(!isEquality(a)) - Number(!isEquality(b)));
  return { ...Object.fromEntries(ordered), ...(more.length > 0 && { $and: more }) };
}

/** Identifiers are strings everywhere (ObjectId hex by default), so cross-subgraph keys compare simply. */
export function newId(): string {
  return new mongoose.Types.ObjectId().toHexString();
}

export const idField = { type: String, default: newId } as const;
