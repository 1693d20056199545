import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';
import type { MemberDoc, Person } from './member';

export type ApplicationStatus = 'PENDING' | 'APPROVED' | 'REJECTED';

/** 入会申请: the person's details as applied for; approval registers a member with the same id. */
export interface ApplicationDoc extends Person, Pick<MemberDoc, 'organizationId'> {
  _id: string;
  status: ApplicationStatus;
  appliedAt: Date;
  appliedBy: string;
  /** 网上入会 Made through the online joining portal rather than at the union office. */
  online?: boolean;
  decidedAt?: Date | null;
  decidedBy?: string | null;
  decisionNote?: string | null;
}

const applicationSchema = new Schema<ApplicationDoc>(
  {
    _id: idField,
    name: { type: String, required: true },
    gender: { type: String, required: true },
    ethnicity: { type: String, default: null },
    residentId: { type: String, required: true },
    mobile: { type: String, default: null },
    education: { type: String, default: null },
    employerCreditCode: { type: String, default: null },
    migrantWorker: { type: Boolean, default: false },
    flexibleWork: { type: String, default: null },
    online: { type: Boolean, default: false },
    organizationId: { type: String, required: true, index: true },
    joinedAt: { type: Date, required: true },
    status: { type: String, required: true, default: 'PENDING' },
    appliedAt: { type: Date, required: true },
    appliedBy: { type: String, required: true },
    decidedAt: { type: Date, default: null },
    decidedBy: { type: String, default: null },
    decisionNote: { type: String, default: null },
  },
  { collection: 'membership_applications', versionKey: false },
);
// A record appended under a client's idempotency key keeps its request's fingerprint (appendOnce).
applicationSchema.plugin(idempotentRecords);

export function applicationModel(conn: Connection) {
  return conn.model<ApplicationDoc>('MembershipApplication', applicationSchema);
}
