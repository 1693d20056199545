import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { ChangeEvent } from './events';

/**
 * What any subgraph knows about an organization without reading the organizations database:
 * enough to scope (`path`), validate (`type`, `status`) and group by region (`divisionCode`).
 */
export interface OrgRef {
  _id: string;
  name: string;
  type: string;
  level?: string | null;
  status: string;
  parentId: string | null;
  /** Ids from the root down to this organization, itself included. */
  path: string[];
  divisionCode: string;
  version: number;
}

export const ORG_EVENT_TYPE = 'Organization';
export const ORGANIZATIONS_SUBGRAPH = 'organizations';

const orgRefSchema = new Schema<OrgRef>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true },
    level: { type: String, default: null },
    status: { type: String, required: true },
    parentId: { type: String, default: null },
    path: { type: [String], required: true, index: true },
    divisionCode: { type: String, required: true, index: true },
    version: { type: Number, required: true },
  },
  { collection: 'org_directory', versionKey: false },
);

export function orgDirectoryModel(conn: Connection): Model<OrgRef> {
  return conn.models.OrgDirectory ?? conn.model<OrgRef>('OrgDirectory', orgRefSchema);
}

export interface DirectoryUpdate {
  /** The events that changed the directory (what it relays). */
  applied: ChangeEvent[];
  /**
   * Organizations whose events contradict what is stored — two contents at one version, or a
   * version gap — whose current state the directory must ask the source for (see resync.ts).
   */
  suspect: string[];
}

const REPLACE_CHUNK = 50;

const sameContent = (a: OrgRef, b: OrgRef) =>
  JSON.stringify(orgChangeEvent(a).data) === JSON.stringify(orgChangeEvent(b).data);

/**
 * Applies organization events to the local directory: the newest event per organization wins over
 * an older stored snapshot, so replays and out-of-order deliveries are harmless; a re-published
 * current state (`resync`) wins at an equal version too. A batch costs one read, one command each
 * for removals and additions and one per 50 replacements. Events are
 * acknowledged only after this resolves, so a crash in between means a replay.
 */
export async function applyOrgEvents(
  model: Model<OrgRef>,
  events: readonly ChangeEvent[],
): Promise<DirectoryUpdate> {
  const latest = new Map<string, ChangeEvent>();
  for (const e of events) {
    if (e.type !== ORG_EVENT_TYPE) continue;
    const seen = latest.get(e.id);
    if (!seen || e.version >= seen.version) latest.set(e.id, e);
  }
  if (latest.size === 0) return { applied: [], suspect: [] };
  const stored = new Map(
    (await model.find({ _id: { $in: [...latest.keys()] } }).lean<OrgRef[]>()).map((d) => [d._id, d]),
  );
  const suspect: string[] = [];
  const fresh = [...latest.values()].filter((e) => {
    const held = stored.get(e.id);
    if (!held) return true;
    if (e.op === 'delete') return held.version <= e.version;
    const differs = !sameContent(held, orgRefFromEvent(e));
    if (e.resync) return e.version >= held.version && differs;
    if (e.version === held.version && differs) suspect.push(e.id);
    if (e.version > held.version + 1) suspect.push(e.id);
    return e.version > held.version;
  });
  if (fresh.length === 0) return { applied: [], suspect };
  const gone = fresh.filter((e) => e.op === 'delete').map((e) => e.id);
  if (gone.length) await model.deleteMany({ _id: { $in: gone } });
  // Replaced in place, never deleted and inserted again: a scope check reading the directory
  // meanwhile must find the organization, old or new (it would answer NOT_FOUND in between).
  const changed = fresh.filter((e) => e.op !== 'delete' && stored.has(e.id)).map(orgRefFromEvent);
  // FerretDB 1.24.2 never answers an update command of 100 or more statements: chunks of 50.
  for (let i = 0; i < changed.length; i += REPLACE_CHUNK)
    await model.bulkWrite(
      changed
        .slice(i, i + REPLACE_CHUNK)
        .map((o) => ({ replaceOne: { filter: { _id: o._id }, replacement: o, upsert: true } })),
      { ordered: false },
    );
  const added = fresh.filter((e) => e.op !== 'delete' && !stored.has(e.id)).map(orgRefFromEvent);
  if (added.length > 0) {
    try {
      await model.insertMany(added, { ordered: false });
    } catch (e) {
      // Another replica of this service applied the same events a moment earlier: nothing to do.
      const errors = (e as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors ?? [];
      const benign = errors.length > 0 && errors.every((w) => (w.code ?? w.err?.code) === 11000);
      if (!benign) throw e;
    }
  }
  return { applied: fresh, suspect };
}

export function orgRefFromEvent(e: ChangeEvent): OrgRef {
  return { ...(e.data as Omit<OrgRef, '_id' | 'version'>), _id: e.id, version: e.version };
}

/** The event a change to an organization publishes: the directory snapshot, nothing private. */
export function orgChangeEvent(
  org: OrgRef,
  op: 'upsert' | 'delete' = 'upsert',
): ChangeEvent<Omit<OrgRef, '_id' | 'version'>> {
  const { _id, version, name, type, level = null, status, parentId, path, divisionCode } = org;
  return {
    type: ORG_EVENT_TYPE,
    id: _id,
    op,
    version,
    data: { name, type, level, status, parentId, path, divisionCode },
  };
}
