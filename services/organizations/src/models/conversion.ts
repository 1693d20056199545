import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/**
 * A township union work committee becoming a township (street) federation (§5). The organization
 * keeps its id; this record keeps what it was before, and the decision that changed it.
 */
export interface OrgConversionDoc {
  _id: string;
  organizationId: string;
  fromType: string;
  toType: string;
  fromName: string;
  toName: string;
  convertedOn: Date;
  /** 批准文号, e.g. 天工发〔2016〕12号 */
  decisionNumber: string;
  decisionTitle: string | null;
  /** The upper union whose decision it was: the organization's parent at the time. */
  approvedById: string;
  recordedBy: string;
}

export const orgConversionSchema = new Schema<OrgConversionDoc>(
  {
    _id: idField,
    // A committee converts once: the unique key makes a second conversion a CONFLICT.
    organizationId: { type: String, required: true, unique: true },
    fromType: { type: String, required: true },
    toType: { type: String, required: true },
    fromName: { type: String, required: true },
    toName: { type: String, required: true },
    convertedOn: { type: Date, required: true },
    decisionNumber: { type: String, required: true, trim: true, maxlength: 100 },
    decisionTitle: { type: String, default: null, trim: true, maxlength: 200 },
    approvedById: { type: String, required: true },
    recordedBy: { type: String, required: true },
  },
  { collection: 'org_conversions', versionKey: false },
);
orgConversionSchema.plugin(idempotentRecords);

export function orgConversionModel(conn: Connection) {
  return conn.model<OrgConversionDoc>('OrgConversion', orgConversionSchema);
}
