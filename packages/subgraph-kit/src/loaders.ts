import DataLoader from 'dataloader';
import type { Model, PipelineStage } from 'mongoose';

/**
 * Batching helpers: each turns N lookups made while resolving one request into one database
 * command, so round trips per request stay flat as pages grow. Loaders live per request (the
 * context builds them), so nothing is cached across callers.
 */

type Filter = Record<string, unknown>;

/** Documents by `_id`, one query per batch. */
export function loadById<T extends { _id: string }>(
  model: Model<T>,
  extraFilter: Filter = {},
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    // FerretDB on SQLite pushes down only `{_id: value}`: `$in` scans the collection, so a batch
    // of one (a detail page, most entity references) asks by equality.
    const _id = ids.length === 1 ? ids[0] : { $in: ids };
    const docs = await model.find({ ...extraFilter, _id }).lean<T[]>();
    const byId = new Map(docs.map((d) => [d._id, d]));
    return ids.map((id) => byId.get(id) ?? null);
  });
}

/** All documents whose `field` equals each key, grouped per key, one query per batch. */
export function loadManyBy<T extends object>(
  model: Model<T>,
  field: string,
  { filter = {}, sort = { _id: 1 } }: { filter?: Filter; sort?: Record<string, 1 | -1> } = {},
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => {
    const docs = await model
      .find({ ...filter, [field]: { $in: keys } })
      .sort(sort)
      .lean<T[]>();
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
 * count documents. One aggregation per sum: FerretDB 1.24.2 computes only the first accumulator of
 * a `$group` (see the compatibility suite), so the round trips grow with the sums asked for, never
 * with the number of keys.
 */
export function loadSumsBy<K extends string, T>(
  model: Model<T>,
  field: string,
  sums: Record<K, string | 1>,
  filter: Filter = {},
): DataLoader<string, Record<K, number>> {
  return new DataLoader(async (keys) => {
    const names = Object.keys(sums) as K[];
    const match: PipelineStage = { $match: { ...filter, [field]: { $in: [...keys] } } };
    const columns = await Promise.all(
      names.map(async (name) => {
        const source = sums[name];
        const group = {
          $group: { _id: `$${field}`, v: { $sum: source === 1 ? 1 : `$${source}` } },
        } as PipelineStage;
        const rows = await model.aggregate<{ _id: unknown; v: number }>([match, group]);
        return new Map(rows.map((r) => [String(r._id), r.v]));
      }),
    );
    return keys.map(
      (k) => Object.fromEntries(names.map((n, i) => [n, columns[i]!.get(k) ?? 0])) as Record<K, number>,
    );
  });
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
