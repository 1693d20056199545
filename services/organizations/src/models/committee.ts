import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const COMMITTEE_TYPES = [
  'UNION_COMMITTEE',
  'FUNDS_AUDIT_COMMITTEE',
  'WOMEN_WORKERS_COMMITTEE',
] as const;
export type CommitteeType = (typeof COMMITTEE_TYPES)[number];

/** A committee elected for one term; earlier terms stay as history. */
export interface CommitteeTermDoc {
  _id: string;
  organizationId: string;
  type: CommitteeType;
  termStart: Date;
  termYears: number;
  seats: number;
  /** R14: a union committee with a women-workers member (女职工委员); absent on older records: false. */
  womenWorkersMember?: boolean;
  createdAt: Date;
}

export const committeeTermSchema = new Schema<CommitteeTermDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    type: { type: String, required: true, enum: COMMITTEE_TYPES },
    termStart: { type: Date, required: true },
    termYears: { type: Number, required: true, enum: [3, 5] },
    seats: { type: Number, required: true, min: 1, validate: Number.isInteger },
    womenWorkersMember: { type: Boolean, default: false },
  },
  { collection: 'committee_terms', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
// One record per committee and term: recording the same election twice is a conflict.
committeeTermSchema.index({ organizationId: 1, type: 1, termStart: 1 }, { unique: true });
committeeTermSchema.plugin(idempotentRecords);

export function committeeTermModel(conn: Connection) {
  return conn.model<CommitteeTermDoc>('CommitteeTerm', committeeTermSchema);
}
