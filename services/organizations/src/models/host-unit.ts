import { OWNERSHIPS, type Ownership } from '@union-graph/domain';
import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const HOST_UNIT_KINDS = [
  'STATE_OWNED_ENTERPRISE',
  'NON_PUBLIC_ENTERPRISE',
  'GOVERNMENT_AGENCY',
  'PUBLIC_INSTITUTION',
  'SOCIAL_ORGANIZATION',
] as const;

export const ENTERPRISE_KINDS: readonly string[] = ['STATE_OWNED_ENTERPRISE', 'NON_PUBLIC_ENTERPRISE'];

/**
 * The employer behind a union. Scoped through `responsibleOrgId` (the local union that organizes
 * it, 属地管理), which stays valid when the tree above it moves.
 */
export interface HostUnitDoc {
  _id: string;
  name: string;
  creditCode: string;
  kind: (typeof HOST_UNIT_KINDS)[number];
  divisionCode: string;
  locality: string | null;
  employeeCount: number;
  femaleEmployeeCount: number;
  /** GB/T 4754-2017 division (two digits); null where never recorded. */
  industry?: string | null;
  /** Null on units registered before it was recorded: the usual ownership of their kind. */
  ownership?: Ownership | null;
  responsibleOrgId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const count = { type: Number, required: true, min: 0, validate: Number.isInteger };

export const hostUnitSchema = new Schema<HostUnitDoc>(
  {
    _id: idField,
    name: { type: String, required: true, trim: true, maxlength: 200 },
    creditCode: { type: String, required: true, unique: true },
    kind: { type: String, required: true, enum: HOST_UNIT_KINDS },
    divisionCode: { type: String, required: true, index: true },
    locality: { type: String, default: null, trim: true, maxlength: 100 },
    employeeCount: count,
    femaleEmployeeCount: count,
    industry: { type: String, default: null },
    ownership: { type: String, enum: [...OWNERSHIPS, null], default: null },
    responsibleOrgId: { type: String, required: true, index: true },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'host_units', timestamps: true, versionKey: false },
);
hostUnitSchema.plugin(idempotentRecords);

export function hostUnitModel(conn: Connection) {
  return conn.model<HostUnitDoc>('HostUnit', hostUnitSchema);
}
