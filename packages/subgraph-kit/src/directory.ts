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

/**
 * Applies organization events to the local directory. Each write is one document, guarded by the
 * version, so replays and out-of-order deliveries leave the newest snapshot in place.
 */
export async function applyOrgEvents(model: Model<OrgRef>, events: readonly ChangeEvent[]): Promise<void> {
  const ops = events
    .filter((e) => e.type === ORG_EVENT_TYPE)
    .map((e) =>
      e.op === 'delete'
        ? { deleteOne: { filter: { _id: e.id, version: { $lte: e.version } } } }
        : {
            updateOne: {
              filter: { _id: e.id, version: { $lt: e.version } },
              update: { $set: { ...(e.data as Omit<OrgRef, '_id' | 'version'>), version: e.version } },
              upsert: true,
            },
          },
    );
  if (ops.length === 0) return;
  try {
    await model.bulkWrite(ops, { ordered: false });
  } catch (e) {
    // A duplicate key here means the stored snapshot is newer than the event: nothing to do.
    const errors = (e as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors ?? [];
    const benign = errors.length > 0 && errors.every((w) => (w.code ?? w.err?.code) === 11000);
    if (!benign) throw e;
  }
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
