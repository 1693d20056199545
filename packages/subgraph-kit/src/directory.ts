import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import type { ChangeEvent } from './events';
import { applySnapshots, type SnapshotUpdate } from './snapshots';

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
  /**
   * What the union's host units share (issue #19), for statistics: the GB/T 4754-2017 division
   * (two digits), ownership and size band of its own unit, or of every unit a joint union covers
   * when they all agree; null when they differ, when it covers none, and in entries written before
   * these fields existed (until the directory resyncs).
   */
  industry?: string | null;
  ownership?: string | null;
  sizeBand?: string | null;
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
    industry: { type: String, default: null },
    ownership: { type: String, default: null },
    sizeBand: { type: String, default: null },
    version: { type: Number, required: true },
  },
  { collection: 'org_directory', versionKey: false },
);

export function orgDirectoryModel(conn: Connection): Model<OrgRef> {
  return conn.models.OrgDirectory ?? conn.model<OrgRef>('OrgDirectory', orgRefSchema);
}

/** What applying organization events changed, and which organizations to ask for again. */
export type DirectoryUpdate = SnapshotUpdate;

/**
 * Applies organization events to the local directory: the kit's snapshot read model (snapshots.ts),
 * which replaces held entries in place so that scope checks reading the directory meanwhile always
 * find the organization.
 */
export function applyOrgEvents(
  model: Model<OrgRef>,
  events: readonly ChangeEvent[],
): Promise<DirectoryUpdate> {
  return applySnapshots(model, events, {
    type: ORG_EVENT_TYPE,
    // An upsert without its snapshot: the organization is asked for again instead.
    fromEvent: (e) => (e.data ? orgRefFromEvent(e) : null),
  });
}

/** The directory entry an event carries, every field present as the directory stores it. */
export function orgRefFromEvent(e: ChangeEvent): OrgRef {
  const { name, type, level, status, parentId, path, divisionCode, industry, ownership, sizeBand } =
    e.data as Omit<OrgRef, '_id' | 'version'>;
  return {
    _id: e.id,
    name,
    type,
    level: level ?? null,
    status,
    parentId: parentId ?? null,
    path,
    divisionCode,
    industry: industry ?? null,
    ownership: ownership ?? null,
    sizeBand: sizeBand ?? null,
    version: e.version,
  };
}

/** The event a change to an organization publishes: the directory snapshot, nothing private. */
export function orgChangeEvent(
  org: OrgRef,
  op: 'upsert' | 'delete' = 'upsert',
): ChangeEvent<Omit<OrgRef, '_id' | 'version'>> {
  const { _id, version, name, type, level = null, status, parentId, path, divisionCode } = org;
  const { industry = null, ownership = null, sizeBand = null } = org;
  return {
    type: ORG_EVENT_TYPE,
    id: _id,
    op,
    version,
    data: { name, type, level, status, parentId, path, divisionCode, industry, ownership, sizeBand },
  };
}
