import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const MEETING_KINDS = ['MEMBERS_ASSEMBLY', 'MEMBERS_CONGRESS'] as const;

/** A session of a union's members' assembly or members' congress (§18, 会员（代表）大会). */
export interface MembersMeetingDoc {
  _id: string;
  organizationId: string;
  kind: (typeof MEETING_KINDS)[number];
  /** 届次, e.g. 第三届第一次 */
  session: string;
  heldOn: Date;
  /** 应到人数: members (assembly) or delegates (congress) entitled to attend. */
  eligible: number;
  /** 实到人数 */
  present: number;
  resolutions: string[];
  recordedBy: string;
}

const count = { type: Number, required: true, min: 0, validate: Number.isInteger };

export const membersMeetingSchema = new Schema<MembersMeetingDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    kind: { type: String, required: true, enum: MEETING_KINDS },
    session: { type: String, required: true, trim: true, maxlength: 100 },
    heldOn: { type: Date, required: true },
    eligible: count,
    present: count,
    resolutions: { type: [String], default: [] },
    recordedBy: { type: String, required: true },
  },
  { collection: 'members_meetings', versionKey: false },
);
// One session of a kind per union and day: recording it twice is a conflict.
membersMeetingSchema.index({ organizationId: 1, kind: 1, heldOn: 1 }, { unique: true });
membersMeetingSchema.plugin(idempotentRecords);

export function membersMeetingModel(conn: Connection) {
  return conn.model<MembersMeetingDoc>('MembersMeeting', membersMeetingSchema);
}
