import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export type MemberChangeAction =
  | 'REGISTERED'
  | 'IMPORTED'
  | 'UPDATED'
  | 'CARD_ISSUED'
  | 'INDUCTED'
  | 'TRANSFER'
  | 'STATUS_CHANGED'
  | 'ACTIVITY'
  | 'DUES_EXEMPTION';

export interface FieldChangeDoc {
  field: string;
  from: string | null;
  to: string | null;
}

/** The member archive: append-only, one document per change. */
export interface MemberChangeDoc {
  _id: string;
  memberId: string;
  at: Date;
  by: string;
  action: MemberChangeAction;
  note?: string | null;
  changes: FieldChangeDoc[];
}

const changeSchema = new Schema<MemberChangeDoc>(
  {
    _id: idField,
    memberId: { type: String, required: true, index: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    action: { type: String, required: true },
    note: { type: String, default: null },
    changes: { type: [{ field: String, from: String, to: String, _id: false }], default: [] },
  },
  { collection: 'member_changes', versionKey: false },
);
// A record appended under a client's idempotency key keeps its request's fingerprint (appendOnce).
changeSchema.plugin(idempotentRecords);

export function memberChangeModel(conn: Connection) {
  return conn.model<MemberChangeDoc>('MemberChange', changeSchema);
}
