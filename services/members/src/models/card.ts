import { type Connection, Schema } from 'mongoose';

/** 会员证: the card number is the `_id`, so two cards can never share a number. */
export interface MemberCardDoc {
  _id: string;
  /** Unique: one card per member for life; a transfer keeps it. */
  memberId: string;
  organizationId: string;
  issuedAt: Date;
  issuedBy: string;
}

const cardSchema = new Schema<MemberCardDoc>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true, unique: true },
    organizationId: { type: String, required: true },
    issuedAt: { type: Date, required: true },
    issuedBy: { type: String, required: true },
  },
  { collection: 'member_cards', versionKey: false },
);

export function memberCardModel(conn: Connection) {
  return conn.model<MemberCardDoc>('MemberCard', cardSchema);
}
