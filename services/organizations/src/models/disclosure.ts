import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const DISCLOSURE_SUBJECTS = [
  'FINANCES',
  'ELECTIONS',
  'MAJOR_DECISIONS',
  'ASSISTANCE',
  'WORK_REPORT',
] as const;
export const DISCLOSURE_CHANNELS = ['NOTICE_BOARD', 'MEMBERS_MEETING', 'ONLINE', 'WRITTEN_NOTICE'] as const;

/** What a union disclosed to its members, when and how (会务公开, §18). */
export interface UnionDisclosureDoc {
  _id: string;
  organizationId: string;
  subject: (typeof DISCLOSURE_SUBJECTS)[number];
  channel: (typeof DISCLOSURE_CHANNELS)[number];
  title: string;
  disclosedOn: Date;
  recordedBy: string;
}

export const unionDisclosureSchema = new Schema<UnionDisclosureDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    subject: { type: String, required: true, enum: DISCLOSURE_SUBJECTS },
    channel: { type: String, required: true, enum: DISCLOSURE_CHANNELS },
    title: { type: String, required: true, trim: true, maxlength: 200 },
    disclosedOn: { type: Date, required: true, index: true },
    recordedBy: { type: String, required: true },
  },
  { collection: 'union_disclosures', versionKey: false },
);
unionDisclosureSchema.plugin(idempotentRecords);

export function unionDisclosureModel(conn: Connection) {
  return conn.model<UnionDisclosureDoc>('UnionDisclosure', unionDisclosureSchema);
}
