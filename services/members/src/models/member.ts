import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type AnyBulkWriteOperation, type Connection, Schema } from 'mongoose';

export const MEMBER_STATUSES = [
  'ACTIVE',
  'RETIRED_RETAINED',
  'TRANSFERRING',
  'WITHDRAWN',
  'AUTO_WITHDRAWN',
] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const EDUCATIONS = [
  'PRIMARY',
  'JUNIOR_SECONDARY',
  'SENIOR_SECONDARY',
  'VOCATIONAL',
  'JUNIOR_COLLEGE',
  'BACHELOR',
  'MASTER',
  'DOCTORATE',
] as const;
export type Education = (typeof EDUCATIONS)[number];

/**
 * 新就业形态和零散就业 (§6): how a member without one fixed employer works. They join through a
 * regional, sectoral or township federation rather than an employer's union, so the join-at-source
 * check does not apply to them, and reports count them apart.
 */
export const FLEXIBLE_WORK_KINDS = [
  'COURIER',
  'RIDE_HAILING_DRIVER',
  'FOOD_DELIVERY_RIDER',
  'TRUCK_DRIVER',
  'OTHER_NEW_FORM',
  'SCATTERED',
] as const;
export type FlexibleWork = (typeof FLEXIBLE_WORK_KINDS)[number];

export interface MemberDoc {
  _id: string;
  name: string;
  gender: 'MALE' | 'FEMALE';
  ethnicity?: string | null;
  residentId: string;
  birthDate?: Date | null;
  mobile?: string | null;
  education?: Education | null;
  employerCreditCode?: string | null;
  migrantWorker?: boolean;
  /** Set for flexible and scattered workers (§6); null for a worker with a fixed employer. */
  flexibleWork?: FlexibleWork | null;
  status: MemberStatus;
  organizationId: string;
  joinedAt: Date;
  /**
   * One person, one membership: the resident ID while the membership is held, the record's own id
   * once it ends. A unique index on it makes a second registration lose atomically (FerretDB has
   * neither transactions nor partial indexes).
   */
  activeKey: string;
  induction?: { heldOn: Date; place?: string | null } | null;
  lastDuesPaidAt?: Date | null;
  lastActiveAt?: Date | null;
  duesExemptionReason?: string | null;
  createdAt?: Date;
  updatedAt?: Date;
}

/** Statuses that count as holding a membership (R16: retirees keep it without dues). */
/** 个人信息 What identifies and describes a person, as registered or applied for. */
export type Person = Pick<
  MemberDoc,
  | 'name'
  | 'gender'
  | 'ethnicity'
  | 'residentId'
  | 'mobile'
  | 'education'
  | 'employerCreditCode'
  | 'migrantWorker'
  | 'flexibleWork'
  | 'joinedAt'
>;

export const COUNTED_STATUSES: MemberStatus[] = ['ACTIVE', 'RETIRED_RETAINED', 'TRANSFERRING'];

export function holdsMembership(status: MemberStatus): boolean {
  return COUNTED_STATUSES.includes(status);
}

/** The membership key a record with this status carries. */
export function activeKeyOf(doc: Pick<MemberDoc, '_id' | 'residentId'>, status: MemberStatus): string {
  return holdsMembership(status) ? doc.residentId : doc._id;
}

function birthDateOf(residentId: string): Date | null {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(residentId);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T00:00:00Z`) : null;
}

/** Fields every stored member carries that follow from its other fields. */
export function derivedFields(doc: Pick<MemberDoc, '_id' | 'residentId' | 'status'>) {
  return {
    activeKey: activeKeyOf(doc, doc.status ?? 'ACTIVE'),
    birthDate: birthDateOf(doc.residentId),
  };
}

export const memberSchema = new Schema<MemberDoc>(
  {
    _id: idField,
    name: { type: String, required: true, trim: true, maxlength: 100 },
    gender: { type: String, required: true, enum: ['MALE', 'FEMALE'] },
    ethnicity: { type: String, default: null, maxlength: 20 },
    residentId: { type: String, required: true, index: true },
    birthDate: { type: Date, default: null },
    mobile: { type: String, default: null },
    education: { type: String, enum: [...EDUCATIONS, null], default: null },
    employerCreditCode: { type: String, default: null },
    migrantWorker: { type: Boolean, default: false },
    flexibleWork: { type: String, enum: [...FLEXIBLE_WORK_KINDS, null], default: null },
    status: { type: String, required: true, enum: MEMBER_STATUSES, default: 'ACTIVE' },
    organizationId: { type: String, required: true, index: true },
    joinedAt: { type: Date, required: true },
    activeKey: { type: String, required: true, unique: true },
    induction: { type: { heldOn: Date, place: String }, default: null, _id: false },
    lastDuesPaidAt: { type: Date, default: null },
    lastActiveAt: { type: Date, default: null },
    duesExemptionReason: { type: String, default: null },
  },
  { collection: 'members', timestamps: true, versionKey: false },
);
// A record appended under a client's idempotency key keeps its request's fingerprint (appendOnce).
memberSchema.plugin(idempotentRecords);

/**
 * Bulk loaders (the demo seed) insert through `bulkWrite` without the derived fields; filling them
 * here keeps the membership key on every stored member, whoever writes it.
 */
memberSchema.pre('bulkWrite', (ops: AnyBulkWriteOperation<MemberDoc>[]) => {
  for (const op of ops) {
    const doc =
      'insertOne' in op
        ? (op.insertOne.document as Partial<MemberDoc>)
        : 'updateOne' in op && op.updateOne.upsert
          ? ((op.updateOne.update as { $setOnInsert?: Partial<MemberDoc> }).$setOnInsert ?? undefined)
          : undefined;
    if (doc?._id && doc.residentId && doc.activeKey === undefined) {
      Object.assign(doc, derivedFields(doc as MemberDoc));
    }
  }
});

export function memberModel(conn: Connection) {
  return conn.model<MemberDoc>('Member', memberSchema);
}
