import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

export interface SubsidyPlanItemDoc {
  recipientId: string;
  amount: number;
  earmark: string | null;
}

export interface SubsidyPlanDoc {
  _id: string;
  funderId: string;
  year: number;
  items: SubsidyPlanItemDoc[];
  total: number;
  earmarked: number;
  /** Recipients, for scoping. */
  orgIds: string[];
  createdAt: Date;
  /** Set when created under an idempotency key (see appendOnce). */
  requestHash?: string;
}

export const subsidyPlanSchema = new Schema<SubsidyPlanDoc>(
  {
    _id: idField,
    funderId: { type: String, required: true, index: true },
    year: { type: Number, required: true },
    items: [
      {
        _id: false,
        recipientId: { type: String, required: true },
        amount: { type: Number, required: true },
        earmark: { type: String, default: null },
      },
    ],
    total: { type: Number, required: true },
    earmarked: { type: Number, required: true },
    orgIds: { type: [String], required: true },
  },
  { collection: 'subsidy_plans', timestamps: { createdAt: true, updatedAt: false }, versionKey: false },
);
subsidyPlanSchema.plugin(idempotentRecords);
