import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export type TransferStepKind = 'OPENED' | 'ACCEPTED' | 'REJECTED' | 'CANCELLED' | 'MOVED' | 'CLOSED';

/** 会籍接转: what was asked for. Its progress lives in the appended steps. */
export interface TransferDoc {
  _id: string;
  memberId: string;
  fromOrganizationId: string;
  toOrganizationId: string;
  certificateCode: string;
  newEmployerCreditCode?: string | null;
  reason?: string | null;
  openedAt: Date;
  openedBy: string;
  /**
   * At most one open transfer per member: the member id while open, the transfer's own id once
   * closed (unique index; FerretDB has no partial indexes).
   */
  openKey: string;
  closedAt?: Date | null;
  /**
   * The decision, copied from its step once taken (null while open), so that lists can filter by
   * status in the database; the step stays the authority.
   */
  decision?: 'ACCEPTED' | 'REJECTED' | 'CANCELLED' | null;
}

/**
 * One step, `_id` = `<transferId>:<slot>`: the decision (accept, reject or cancel) shares one slot,
 * so there is only ever one; every step is a single insert that a retry cannot double.
 */
export interface TransferStepDoc {
  _id: string;
  transferId: string;
  step: TransferStepKind;
  at: Date;
  by: string;
  note?: string | null;
}

const transferSchema = new Schema<TransferDoc>(
  {
    _id: idField,
    memberId: { type: String, required: true, index: true },
    fromOrganizationId: { type: String, required: true, index: true },
    toOrganizationId: { type: String, required: true, index: true },
    certificateCode: { type: String, required: true },
    newEmployerCreditCode: { type: String, default: null },
    reason: { type: String, default: null },
    openedAt: { type: Date, required: true },
    openedBy: { type: String, required: true },
    openKey: { type: String, required: true, unique: true },
    closedAt: { type: Date, default: null },
    decision: { type: String, enum: ['ACCEPTED', 'REJECTED', 'CANCELLED', null], default: null },
  },
  { collection: 'member_transfers', versionKey: false },
);
// A record appended under a client's idempotency key keeps its request's fingerprint (appendOnce).
transferSchema.plugin(idempotentRecords);

const stepSchema = new Schema<TransferStepDoc>(
  {
    _id: { type: String, required: true },
    transferId: { type: String, required: true, index: true },
    step: { type: String, required: true },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    note: { type: String, default: null },
  },
  { collection: 'member_transfer_steps', versionKey: false },
);

export function transferModel(conn: Connection) {
  return conn.model<TransferDoc>('MemberTransfer', transferSchema);
}

export function transferStepModel(conn: Connection) {
  return conn.model<TransferStepDoc>('TransferStep', stepSchema);
}
