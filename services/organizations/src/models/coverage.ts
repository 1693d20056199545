import { idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/**
 * One union covering one host unit. Both limits are unique keys, because an insert under a unique
 * index is the only write FerretDB makes atomic: `unitId` (a unit has one covering union) and
 * `slotKey` = `<organizationId>:<slot>` with slot 1..capacity (so at most 50 units per joint
 * union however many writers race).
 */
export interface CoverageDoc {
  _id: string;
  unitId: string;
  organizationId: string;
  slotKey: string;
  /** The covering union is the unit's own grassroots union, not a joint one (a union's type never changes). */
  own: boolean;
  createdAt: Date;
}

export const coverageSchema = new Schema<CoverageDoc>(
  {
    _id: idField,
    unitId: { type: String, required: true, unique: true },
    organizationId: { type: String, required: true, index: true },
    slotKey: { type: String, required: true, unique: true },
    own: { type: Boolean, required: true },
  },
  { collection: 'unit_coverages', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);

export function coverageModel(conn: Connection) {
  return conn.model<CoverageDoc>('Coverage', coverageSchema);
}
