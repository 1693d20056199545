import { idField, now } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

/** A union's fund account. It holds no balance: the balance is always summed from postings. */
export interface FundAccountDoc {
  _id: string;
  organizationId: string;
  openedAt: Date;
}

export const fundAccountSchema = new Schema<FundAccountDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, unique: true },
    openedAt: { type: Date, required: true, default: now },
  },
  { collection: 'fund_accounts', timestamps: true, versionKey: false },
);
