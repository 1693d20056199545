import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/**
 * A standing delegate (会员代表常任制, §18): a member (members subgraph, by id) elected by a
 * session of the union's assembly, serving a term in which they keep in touch with members (§17).
 */
export interface StandingDelegateDoc {
  _id: string;
  organizationId: string;
  memberId: string;
  electedAtId: string;
  termStart: Date;
  termYears: number;
  recordedBy: string;
}

export const standingDelegateSchema = new Schema<StandingDelegateDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    memberId: { type: String, required: true },
    electedAtId: { type: String, required: true },
    termStart: { type: Date, required: true },
    termYears: { type: Number, required: true, enum: [3, 5] },
    recordedBy: { type: String, required: true },
  },
  { collection: 'standing_delegates', versionKey: false },
);
// A member is elected once per term of a union: a second record is a conflict.
standingDelegateSchema.index({ organizationId: 1, memberId: 1, termStart: 1 }, { unique: true });
standingDelegateSchema.plugin(idempotentRecords);

export function standingDelegateModel(conn: Connection) {
  return conn.model<StandingDelegateDoc>('StandingDelegate', standingDelegateSchema);
}

export const CONTACT_METHODS = ['VISIT', 'FORUM', 'PHONE', 'ONLINE'] as const;

/** A delegate's contact with the members they represent (§17 联系会员). */
export interface DelegateContactDoc {
  _id: string;
  delegateId: string;
  organizationId: string;
  contactedOn: Date;
  method: (typeof CONTACT_METHODS)[number];
  membersReached: number;
  summary: string | null;
  recordedBy: string;
}

export const delegateContactSchema = new Schema<DelegateContactDoc>(
  {
    _id: idField,
    delegateId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    contactedOn: { type: Date, required: true },
    method: { type: String, required: true, enum: CONTACT_METHODS },
    membersReached: { type: Number, required: true, min: 1, validate: Number.isInteger },
    summary: { type: String, default: null, maxlength: 2000 },
    recordedBy: { type: String, required: true },
  },
  { collection: 'delegate_contacts', versionKey: false },
);
delegateContactSchema.plugin(idempotentRecords);

export function delegateContactModel(conn: Connection) {
  return conn.model<DelegateContactDoc>('DelegateContact', delegateContactSchema);
}
