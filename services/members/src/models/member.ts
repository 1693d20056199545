import { idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export interface MemberDoc {
  _id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  residentId: string;
  status: 'ACTIVE' | 'RETIRED_RETAINED' | 'TRANSFERRING' | 'WITHDRAWN' | 'AUTO_WITHDRAWN';
  organizationId: string;
  joinedAt: Date;
}

/** Statuses that count as holding a membership (R16: retirees keep it without dues). */
export const COUNTED_STATUSES = ['ACTIVE', 'RETIRED_RETAINED', 'TRANSFERRING'];

export const memberSchema = new Schema<MemberDoc>(
  {
    _id: idField,
    name: { type: String, required: true, trim: true, maxlength: 100 },
    gender: { type: String, required: true, enum: ['MALE', 'FEMALE'] },
    residentId: { type: String, required: true, index: true },
    status: { type: String, required: true, default: 'ACTIVE' },
    organizationId: { type: String, required: true, index: true },
    joinedAt: { type: Date, required: true },
  },
  { collection: 'members', timestamps: true, versionKey: false },
);

export function memberModel(conn: Connection) {
  return conn.model<MemberDoc>('Member', memberSchema);
}
