import { Schema } from 'mongoose';

/** A yearly budget: `_id` is `<organizationId>:<year>`. */
export interface BudgetDoc {
  _id: string;
  organizationId: string;
  year: number;
  lines: { category: string; amount: number }[];
  total: number;
}

export const budgetSchema = new Schema<BudgetDoc>(
  {
    _id: { type: String, required: true },
    organizationId: { type: String, required: true },
    year: { type: Number, required: true },
    lines: [{ _id: false, category: String, amount: Number }],
    total: { type: Number, required: true },
  },
  { collection: 'budgets', timestamps: true, versionKey: false },
);
