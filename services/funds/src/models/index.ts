import { idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export interface FundAccountDoc {
  _id: string;
  organizationId: string;
  /** Integer fen; never a float. */
  balance: number;
  openedAt: Date;
}

const fundAccountSchema = new Schema<FundAccountDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, unique: true },
    balance: { type: Number, required: true, default: 0, validate: Number.isSafeInteger },
    openedAt: { type: Date, required: true, default: () => new Date() },
  },
  { collection: 'fund_accounts', timestamps: true, versionKey: false },
);

export function createModels(conn: Connection) {
  return { FundAccount: conn.model<FundAccountDoc>('FundAccount', fundAccountSchema) };
}

export type Models = ReturnType<typeof createModels>;
