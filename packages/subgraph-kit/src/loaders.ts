import DataLoader from 'dataloader';
import type { Connection, Model, PipelineStage } from 'mongoose';
import { asOneBatch, ferretDbPushesDown, knownDatabase } from './mongo';

/**
 * Batching helpers: each turns N lookups made while resolving one request into one round trip to
 * the database, so round trips per request stay flat as pages grow. Loaders live per request (the
 * context builds them), so nothing is cached across callers.
 */

type Filter = Record<string, unknown>;

/**
 * The largest batch sent to FerretDB as parallel equality queries. FerretDB pushes `field = value`
 * down to its backend (PostgreSQL filters any field there; SQLite only `_id`) but never `$in`,
 * which makes it read the whole collection: up to this many keys, one query per key costs one
 * round trip (they run side by side) and no scan. Beyond it, for a field the backend does not
 * filter (one scan beats twenty), and always on MongoDB (whose indexes serve `$in`), one `$in`.
 */
export const EQUALITY_BATCH_MAX = 20;

/**
 * Runs `query` for a batch of keys of `field`: once with `{ field: { $in: keys } }`, or once per
 * key with `{ field: key }` in parallel (a single key always; up to EQUALITY_BATCH_MAX keys where
 * FerretDB pushes the equality down), and concatenates the answers. The parallel queries are one batch for countCommands'
 * `count`. `query` must put the key filter it is given first: later ones cannot override it. For
 * services' own batch loaders too.
 */
export async function queryByKeys<R>(
  model: { db: Connection },
  field: string,
  keys: readonly unknown[],
  query: (keyFilter: Filter) => Promise<R[]>,
): Promise<R[]> {
  const distinct = [...new Set(keys)];
  const each =
    distinct.length === 1 || (distinct.length <= EQUALITY_BATCH_MAX && ferretDbPushesDown(model.db, field));
  if (!each) return query({ [field]: { $in: distinct } });
  return (await asOneBatch(() => Promise.all(distinct.map((k) => query({ [field]: k }))))).flat();
}

/**
 * From this many keys on, FerretDB is sent no key filter. It pushes no `$in` down: it reads every
 * document the rest of the filter lets through and tests each against the whole list in turn, so a
 * batch naming every union of a large tree (a full resync) would cost a scan per few hundred keys,
 * or a list compared with every document. Read once, the keys are kept here in a Set instead.
 */
export const WHOLE_READ_MIN = 1_000;

/** Whether a batch of keys is better read whole (see WHOLE_READ_MIN). */
function readsWhole(model: { db: Connection }, keys: readonly unknown[]): boolean {
  return keys.length >= WHOLE_READ_MIN && knownDatabase(model.db) === 'ferretdb';
}

/**
 * The documents matching `filter` whose `field` (a value, or an array holding one) is one of the
 * keys, however many keys there are: through queryByKeys, or read whole and kept by key in process
 * where that costs less (see WHOLE_READ_MIN). A `projection` must keep `field`.
 */
export async function findByKeys<T>(
  model: Model<T>,
  field: string,
  keys: readonly string[],
  { filter = {}, projection }: { filter?: Filter; projection?: Record<string, 1> } = {},
): Promise<T[]> {
  const distinct = [...new Set(keys)];
  if (distinct.length === 0) return [];
  if (!readsWhole(model, distinct))
    return queryByKeys(model, field, distinct, (byKey) =>
      model.find({ ...byKey, ...filter }, projection).lean<T[]>(),
    );
  const wanted = new Set(distinct);
  const found: T[] = [];
  for await (const doc of model.find(filter, projection).lean<T>().cursor()) {
    const value = (doc as unknown as Record<string, unknown>)[field];
    if (Array.isArray(value) ? value.some((v) => wanted.has(String(v))) : wanted.has(String(value)))
      found.push(doc as T);
  }
  return found;
}

/** `filter` without `field`: the key filter decides it. */
function rest(filter: Filter, field: string): Filter {
  const { [field]: _decidedByKey, ...others } = filter;
  return others;
}

/** Documents by `_id`, one round trip per batch. */
export function loadById<T extends { _id: string }>(
  model: Model<T>,
  extraFilter: Filter = {},
): DataLoader<string, T | null> {
  const others = rest(extraFilter, '_id');
  return new DataLoader(async (ids) => {
    const docs = await queryByKeys(model, '_id', ids, (byKey) =>
      model.find({ ...byKey, ...others }).lean<T[]>(),
    );
    const byId = new Map(docs.map((d) => [d._id, d]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** All documents whose `field` equals each key, grouped per key (sorted within), one round trip per batch. */
export function loadManyBy<T extends object>(
  model: Model<T>,
  field: string,
  { filter = {}, sort = { _id: 1 } }: { filter?: Filter; sort?: Record<string, 1 | -1> } = {},
): DataLoader<string, T[]> {
  const others = rest(filter, field);
  return new DataLoader(async (keys) => {
    const docs = await queryByKeys(model, field, keys, (byKey) =>
      model
        .find({ ...byKey, ...others })
        .sort(sort)
        .lean<T[]>(),
    );
    const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
    for (const d of docs) groups.get(String((d as Record<string, unknown>)[field]))?.push(d);
    return keys.map((k) => groups.get(k) ?? []);
  });
}

/** The first document per key (e.g. the current chair of each union), one query per batch. */
export function loadOneBy<T extends object>(
  model: Model<T>,
  field: string,
  options: { filter?: Filter; sort?: Record<string, 1 | -1> } = {},
): DataLoader<string, T | null> {
  const many = loadManyBy(model, field, options);
  return new DataLoader(async (keys) =>
    (await many.loadMany(keys)).map((r) => (r instanceof Error ? r : (r[0] ?? null))),
  );
}

/**
 * Sums per key with `$match`/`$group`. `sums` maps an output name to a numeric field, or to 1 to
 * count documents. One aggregation per sum (per key on FerretDB, see queryByKeys), all in
 * parallel: FerretDB 1.24.2 computes only the first accumulator of a `$group` (see the
 * compatibility suite). One round trip per batch whatever the sums and keys.
 */
export function loadSumsBy<K extends string, T>(
  model: Model<T>,
  field: string,
  sums: Record<K, string | 1>,
  filter: Filter = {},
): DataLoader<string, Record<K, number>> {
  const others = rest(filter, field);
  return new DataLoader(async (keys) => {
    const names = Object.keys(sums) as K[];
    if (readsWhole(model, keys)) return sumsInProcess(model, field, keys, sums, others);
    const columns = await Promise.all(
      names.map(async (name) => {
        const source = sums[name];
        const group = {
          $group: { _id: `$${field}`, v: { $sum: source === 1 ? 1 : `$${source}` } },
        } as PipelineStage;
        const rows = await queryByKeys(model, field, keys, (byKey) =>
          model.aggregate<{ _id: unknown; v: number }>([{ $match: { ...byKey, ...others } }, group]),
        );
        return new Map(rows.map((r) => [String(r._id), r.v]));
      }),
    );
    return keys.map(
      (k) => Object.fromEntries(names.map((n, i) => [n, columns[i]!.get(k) ?? 0])) as Record<K, number>,
    );
  });
}

/**
 * loadSumsBy's sums for a batch read whole (see WHOLE_READ_MIN): FerretDB's `$group` over every key
 * of a large tree compares each document with every group held so far, so the documents' key and
 * summed fields are read once and added up here.
 */
async function sumsInProcess<K extends string, T>(
  model: Model<T>,
  field: string,
  keys: readonly string[],
  sums: Record<K, string | 1>,
  filter: Filter,
): Promise<Record<K, number>[]> {
  const names = Object.keys(sums) as K[];
  const fields = names.flatMap((n) => (sums[n] === 1 ? [] : [sums[n] as string]));
  const projection = Object.fromEntries([field, ...fields].map((f) => [f, 1 as const]));
  const totals = new Map<string, Record<K, number>>(
    keys.map((k) => [k, Object.fromEntries(names.map((n) => [n, 0])) as Record<K, number>]),
  );
  for (const doc of await findByKeys(model, field, keys, { filter, projection })) {
    const row = doc as unknown as Record<string, unknown>;
    const total = totals.get(String(row[field]));
    if (!total) continue;
    for (const n of names) {
      const source = sums[n];
      const value = source === 1 ? 1 : row[source as string];
      // As `$sum` does: what is not a number adds nothing.
      if (typeof value === 'number') total[n] += value;
    }
  }
  return keys.map((k) => totals.get(k)!);
}

/** Counts per key: `loadSumsBy` with a single count. */
export function loadCountBy<T>(
  model: Model<T>,
  field: string,
  filter: Filter = {},
): DataLoader<string, number> {
  const sums = loadSumsBy(model, field, { n: 1 }, filter);
  return new DataLoader(async (keys) =>
    (await sums.loadMany(keys)).map((r) => (r instanceof Error ? r : r.n)),
  );
}
