import { Schema } from 'mongoose';

/** A closed period: `_id` is `<organizationId>:<period>`, so a period closes once. */
export interface PeriodCloseDoc {
  _id: string;
  organizationId: string;
  period: string;
  /** The balance through the period when it was closed: a snapshot the reconciliation re-checks. */
  closingBalance: number;
  closedAt: Date;
}

export const periodCloseSchema = new Schema<PeriodCloseDoc>(
  {
    _id: { type: String, required: true },
    organizationId: { type: String, required: true, index: true },
    period: { type: String, required: true },
    closingBalance: { type: Number, required: true, validate: Number.isSafeInteger },
    closedAt: { type: Date, required: true },
  },
  { collection: 'period_closes', versionKey: false },
);
