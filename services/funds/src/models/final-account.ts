import { Schema } from 'mongoose';

/** Final accounts of a year, frozen when approved: `_id` is `<organizationId>:<year>`. */
export interface FinalAccountDoc {
  _id: string;
  organizationId: string;
  year: number;
  openingBalance: number;
  closingBalance: number;
  income: { category: string; amount: number }[];
  spending: { category: string; amount: number }[];
  budgeted: number;
  approvedAt: Date;
}

export const finalAccountSchema = new Schema<FinalAccountDoc>(
  {
    _id: { type: String, required: true },
    organizationId: { type: String, required: true },
    year: { type: Number, required: true },
    openingBalance: { type: Number, required: true },
    closingBalance: { type: Number, required: true },
    income: [{ _id: false, category: String, amount: Number }],
    spending: [{ _id: false, category: String, amount: Number }],
    budgeted: { type: Number, required: true },
    approvedAt: { type: Date, required: true },
  },
  { collection: 'final_accounts', versionKey: false },
);
