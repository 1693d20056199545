import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/** An upper union's annual review meeting (考核评议会) on a lower union (R10). */
export interface AnnualReviewDoc {
  _id: string;
  organizationId: string;
  reviewerId: string;
  heldOn: Date;
  outcome: string;
  notes: string | null;
  recordedBy: string;
}

export const annualReviewSchema = new Schema<AnnualReviewDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    reviewerId: { type: String, required: true },
    heldOn: { type: Date, required: true, index: true },
    outcome: { type: String, required: true, trim: true, maxlength: 200 },
    notes: { type: String, default: null, maxlength: 4000 },
    recordedBy: { type: String, required: true },
  },
  { collection: 'annual_reviews', versionKey: false },
);
annualReviewSchema.plugin(idempotentRecords);

export function annualReviewModel(conn: Connection) {
  return conn.model<AnnualReviewDoc>('AnnualReview', annualReviewSchema);
}
