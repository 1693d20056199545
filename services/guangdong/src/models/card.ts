import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const CARD_STATUSES = ['ACTIVE', 'CANCELLED'] as const;

/** 粤工惠会员服务卡: one document per card, never deleted. */
export interface BenefitCardDoc {
  _id: string;
  cardNumber: string;
  memberId: string;
  organizationId: string;
  issuedOn: Date;
  status: (typeof CARD_STATUSES)[number];
  /**
   * The member's id while the card is active, the card's own id once cancelled: a unique index on
   * it allows one active card per member without a partial index or a transaction.
   */
  openKey: string;
  /** The fingerprint of the request an idempotency key appended it with (`appendOnce`). */
  requestHash?: string;
}

const cardSchema = new Schema<BenefitCardDoc>(
  {
    _id: idField,
    cardNumber: { type: String, required: true, unique: true },
    memberId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    issuedOn: { type: Date, required: true },
    status: { type: String, required: true, enum: CARD_STATUSES },
    openKey: { type: String, required: true, unique: true },
  },
  { collection: 'benefit_cards', timestamps: true, versionKey: false },
);
cardSchema.plugin(idempotentRecords);

export function benefitCardModel(conn: Connection) {
  return conn.model<BenefitCardDoc>('BenefitCard', cardSchema);
}
