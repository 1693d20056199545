import type { Model } from 'mongoose';
import { isDuplicateKey } from './errors';
import type { ChangeEvent } from './events';
import { findByKeys } from './loaders';
import { insertUnlessTaken } from './writes';

/** A read model's record: a whole snapshot of another subgraph's entity at one version. */
export interface Snapshot {
  _id: string;
  version: number;
}

export interface SnapshotOptions<T extends Snapshot> {
  /** The entity type the read model keeps (other events are ignored). */
  type: string;
  /**
   * The whole record an upsert event carries, every field present (null where empty): what is held
   * is compared with it field by field. Null when the event carries none the read model can use.
   */
  fromEvent: (e: ChangeEvent) => T | null;
}

export interface SnapshotUpdate {
  /** The events that changed the read model (what it relays). */
  applied: ChangeEvent[];
  /**
   * Entities whose events contradict what is stored — two contents at one version, a version gap,
   * no usable snapshot — whose current state the read model must ask the source for (see resync.ts).
   */
  suspect: string[];
}

const WRITE_CHUNK = 50;

/**
 * Applies versioned snapshot events to a read model (the org directory, members' unit directory):
 * per entity the newest event wins over an older stored record, so replays and out-of-order
 * deliveries change nothing; a resync (the source's current state) wins at an equal version when
 * its content differs. A newer version is taken even with the same content, so the held version
 * follows the source's and the next event is no gap. An event contradicting what is held (another
 * content at the same version, a version gap, no usable snapshot) marks the entity suspect, for the
 * caller to ask the source again. A batch costs one read, one command each for removals and
 * additions and one per 50 replacements; events are acknowledged only after this resolves, so a
 * crash in between means a replay.
 */
export async function applySnapshots<T extends Snapshot>(
  model: Model<T>,
  events: readonly ChangeEvent[],
  { type, fromEvent }: SnapshotOptions<T>,
): Promise<SnapshotUpdate> {
  const newest = new Map<string, ChangeEvent>();
  for (const e of events) {
    if (e.type === type && (newest.get(e.id)?.version ?? -Infinity) <= e.version) newest.set(e.id, e);
  }
  if (newest.size === 0) return { applied: [], suspect: [] };
  const held = new Map((await findByKeys(model, '_id', [...newest.keys()])).map((d) => [String(d._id), d]));
  const suspect: string[] = [];
  const writes: { e: ChangeEvent; doc: T | null }[] = [];
  for (const e of newest.values()) {
    const mine = held.get(e.id);
    if (e.op === 'delete') {
      if (!mine || mine.version <= e.version) writes.push({ e, doc: null });
      continue;
    }
    const doc = fromEvent(e);
    if (!doc) {
      suspect.push(e.id);
      continue;
    }
    if (!mine) {
      writes.push({ e, doc });
      continue;
    }
    const differs = JSON.stringify(normalized(mine)) !== JSON.stringify(normalized(doc));
    if (e.resync) {
      if (e.version >= mine.version && differs) writes.push({ e, doc });
      continue;
    }
    if ((e.version === mine.version && differs) || e.version > mine.version + 1) suspect.push(e.id);
    if (e.version > mine.version) writes.push({ e, doc });
  }
  await writeSnapshots(model, held, writes);
  return { applied: writes.map((w) => w.e), suspect };
}

/** The record's own fields in a stable order, so contents compare whatever key order they came in. */
function normalized(doc: Snapshot): [string, unknown][] {
  return Object.entries(doc)
    .filter(([k]) => k !== 'version')
    .map(([k, v]): [string, unknown] => [k, v instanceof Date ? v.toISOString() : v])
    .sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Runs `write` over `docs`, leaving in place each record a unique key refuses (another replica wrote
 * it a moment earlier, or a newer version of it). In an update command FerretDB 1.24.2 stops at the
 * first refused statement even when told not to (`ordered: false`; an insert goes on, see
 * insertUnlessTaken), so what follows it is sent again; on MongoDB, which went on, the repeat
 * changes nothing.
 */
async function writeEach<D>(docs: D[], write: (docs: D[]) => Promise<unknown>): Promise<void> {
  for (let rest = docs; rest.length > 0; ) {
    try {
      await write(rest);
      return;
    } catch (e) {
      const errors = (e as { writeErrors?: { index?: number; err?: unknown }[] }).writeErrors ?? [];
      if (errors.length === 0 || !errors.every((w) => isDuplicateKey(w) || isDuplicateKey(w.err))) throw e;
      rest = rest.slice(Math.max(...errors.map((w) => w.index ?? 0)) + 1);
    }
  }
}

async function writeSnapshots<T extends Snapshot>(
  model: Model<T>,
  held: ReadonlyMap<string, T>,
  writes: { e: ChangeEvent; doc: T | null }[],
): Promise<void> {
  const gone = writes.filter((w) => !w.doc).map((w) => w.e.id);
  if (gone.length) await model.deleteMany({ _id: { $in: gone } } as never);
  const kept = writes.flatMap((w) => (w.doc ? [w.doc] : []));
  // Replaced in place, never deleted and inserted again: whoever reads meanwhile must find the record,
  // old or new (a scope check on the org directory would answer NOT_FOUND in between).
  const replaced = kept.filter((doc) => held.has(doc._id));
  // FerretDB 1.24.2 never answers an update command of 100 or more statements: chunks of 50.
  for (let i = 0; i < replaced.length; i += WRITE_CHUNK) {
    await writeEach(replaced.slice(i, i + WRITE_CHUNK), (docs) =>
      model.bulkWrite(
        docs.map((doc) => ({
          // Only over an older (or equal, for a resync) version: a newer record another replica
          // stored meanwhile makes the filter miss and the upsert collide with it, leaving it in place.
          replaceOne: {
            filter: { _id: doc._id, version: { $lte: doc.version } },
            replacement: doc,
            upsert: true,
          },
        })) as never,
        { ordered: false },
      ),
    );
  }
  const added = kept.filter((doc) => !held.has(doc._id));
  // Another replica's insert of the same record (refused here) leaves its copy in place.
  await insertUnlessTaken(model, added);
}
