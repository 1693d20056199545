import type { Model, UpdateQuery } from 'mongoose';

/**
 * The one path for changing a document that exists. On MongoDB one conditional
 * `findOneAndUpdate` is atomic. FerretDB 1.24 applies every update as an unlocked
 * read-modify-write (50 concurrent `$inc` on one document kept 3–25), so a version filter guards
 * nothing there: writes to one document are also queued behind each other inside the process.
 * That closes the gap for a subgraph running as one replica, which is how a FerretDB-backed
 * subgraph must run (see `isFerretDb` and deploy/README.md); on MongoDB the `guard` keeps the update
 * conditional across replicas. `test/write-path.test.ts` fails on any write that goes around it.
 */

const queues = new Map<string, Promise<unknown>>();

/** Runs `work` after every earlier work queued under `key` in this process has settled. */
export async function serializedPer<T>(key: string, work: () => Promise<T>): Promise<T> {
  const before = queues.get(key) ?? Promise.resolve();
  const run = before.then(work);
  const settled = run.catch(() => undefined);
  queues.set(key, settled);
  try {
    return await run;
  } finally {
    if (queues.get(key) === settled) queues.delete(key);
  }
}

function documentKey(model: { db: { name: string }; collection: { name: string } }, id: unknown): string {
  return `${model.db.name}.${model.collection.name}:${String(id)}`;
}

export interface UpdateOptions {
  /** Further conditions the document must meet (e.g. `{ version: 3 }`, a status): else null. */
  guard?: Record<string, unknown>;
  /** Create the document when absent (a read model keyed by its source's id). */
  upsert?: boolean;
}

/**
 * Applies `update` to the document `id` and returns it as it now is, or null when no document
 * matched `id` and the guard. Only the paths the update names change.
 */
export function updateDocument<T>(
  model: Model<T>,
  id: unknown,
  update: UpdateQuery<T>,
  { guard = {}, upsert = false }: UpdateOptions = {},
): Promise<T | null> {
  return serializedPer(documentKey(model, id), () =>
    model
      .findOneAndUpdate({ _id: id, ...guard }, update, {
        returnDocument: 'after',
        runValidators: true,
        upsert,
      })
      .lean<T>()
      .exec(),
  );
}

/**
 * Reads the document and lets `decide` compute the update from what it holds, with no other write
 * to the document in between (in this process; across replicas on MongoDB through `guard`).
 * `decide` returns null to leave the document as it is. Resolves to the document as it now is, or
 * null when it does not exist.
 */
export function modifyDocument<T>(
  model: Model<T>,
  id: unknown,
  decide: (current: T) => { update: UpdateQuery<T>; guard?: Record<string, unknown> } | null,
): Promise<T | null> {
  return serializedPer(documentKey(model, id), async () => {
    const current = await model.findOne({ _id: id }).lean<T>().exec();
    if (!current) return null;
    const decided = decide(current);
    if (!decided) return current;
    return model
      .findOneAndUpdate({ _id: id, ...decided.guard }, decided.update, {
        returnDocument: 'after',
        runValidators: true,
      })
      .lean<T>()
      .exec();
  });
}

/** `updateDocument` for each of several documents, one after another (no multi-document update). */
export async function updateEach<T>(
  model: Model<T>,
  ids: readonly unknown[],
  update: (id: unknown) => UpdateQuery<T>,
): Promise<number> {
  let changed = 0;
  for (const id of ids) if (await updateDocument(model, id, update(id))) changed++;
  return changed;
}
