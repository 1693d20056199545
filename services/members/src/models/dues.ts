import { type Connection, Schema } from 'mongoose';

/** A dues payment as funds announced it; `_id` = member + period, so replays change nothing. */
export interface DuesPaymentDoc {
  _id: string;
  memberId: string;
  organizationId: string;
  period: string;
  amount: number;
  paidAt: Date;
}

const duesSchema = new Schema<DuesPaymentDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true },
    period: { type: String, required: true },
    amount: { type: Number, required: true },
    paidAt: { type: Date, required: true },
  },
  { collection: 'dues_payments', versionKey: false },
);

export function duesPaymentModel(conn: Connection) {
  return conn.model<DuesPaymentDoc>('DuesPayment', duesSchema);
}
