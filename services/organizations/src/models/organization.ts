import { idempotentRecords, idField, type OrgRef } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/** A node of the union tree. `path` (ancestor ids, itself last) makes subtree queries one filter. */
export interface OrganizationDoc extends OrgRef {
  level: string;
  locality: string | null;
  creditCode: string | null;
  establishedAt: Date | null;
  dissolvedAt: Date | null;
  mergedAt: Date | null;
  mergedIntoId: string | null;
  reportedMembers: number | null;
  reportedFemaleMembers: number | null;
  createdAt: Date;
  updatedAt: Date;
}

const count = { type: Number, default: null, min: 0 };

export const organizationSchema = new Schema<OrganizationDoc>(
  {
    _id: idField,
    name: { type: String, required: true, trim: true, maxlength: 200 },
    type: { type: String, required: true },
    level: { type: String, required: true },
    status: { type: String, required: true, default: 'ACTIVE' },
    parentId: { type: String, default: null, index: true },
    path: { type: [String], required: true, index: true },
    divisionCode: { type: String, required: true, index: true },
    locality: { type: String, default: null, trim: true, maxlength: 100 },
    creditCode: { type: String, default: null },
    establishedAt: { type: Date, default: null },
    dissolvedAt: { type: Date, default: null },
    mergedAt: { type: Date, default: null },
    mergedIntoId: { type: String, default: null },
    reportedMembers: count,
    reportedFemaleMembers: count,
    // What its host units share (unit-facts.ts): read by other subgraphs' statistics, issue #19.
    industry: { type: String, default: null },
    ownership: { type: String, default: null },
    sizeBand: { type: String, default: null },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'organizations', timestamps: true, versionKey: false },
);
organizationSchema.plugin(idempotentRecords);
// A new node's path ends with the node itself. A creation may give only its ancestors: its id may
// be chosen on insert (under an idempotency key), so the node is appended here, once.
organizationSchema.pre('validate', function () {
  if (this.path.at(-1) !== this._id) this.path.push(this._id);
});

export function organizationModel(conn: Connection) {
  return conn.model<OrganizationDoc>('Organization', organizationSchema);
}
