import { idField, type OrgRef } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/** A node of the union tree. `path` (ancestor ids, itself last) makes subtree queries one filter. */
export interface OrganizationDoc extends OrgRef {
  createdAt: Date;
  updatedAt: Date;
}

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
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'organizations', timestamps: true, versionKey: false },
);

export function organizationModel(conn: Connection) {
  return conn.model<OrganizationDoc>('Organization', organizationSchema);
}
