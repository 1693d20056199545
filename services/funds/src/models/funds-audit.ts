import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

export interface FundsAuditDoc {
  _id: string;
  organizationId: string;
  auditedById: string;
  periodFrom: string;
  periodTo: string;
  conductedOn: Date;
  conclusion: string;
  findings: { severity: string; description: string; amount: number | null }[];
  /** Set when recorded under an idempotency key (see appendOnce). */
  requestHash?: string;
}

export const fundsAuditSchema = new Schema<FundsAuditDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    auditedById: { type: String, required: true },
    periodFrom: { type: String, required: true },
    periodTo: { type: String, required: true },
    conductedOn: { type: Date, required: true },
    conclusion: { type: String, required: true, trim: true, minlength: 1 },
    findings: [
      {
        _id: false,
        severity: { type: String, required: true },
        description: { type: String, required: true },
        amount: { type: Number, default: null },
      },
    ],
  },
  { collection: 'funds_audits', timestamps: true, versionKey: false },
);
fundsAuditSchema.plugin(idempotentRecords);
