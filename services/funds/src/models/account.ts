import { idField, now } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

export const FUND_ACCOUNT_KINDS = ['GENERAL', 'CADRE_RIGHTS'] as const;
export type FundAccountKind = (typeof FUND_ACCOUNT_KINDS)[number];

/** A union's fund account. It holds no balance: the balance is always summed from postings. */
export interface FundAccountDoc {
  _id: string;
  organizationId: string;
  /** Absent on accounts opened before account kinds existed: those are all GENERAL. */
  kind?: FundAccountKind;
  openedAt: Date;
}

export const fundAccountSchema = new Schema<FundAccountDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, unique: true },
    kind: { type: String, enum: FUND_ACCOUNT_KINDS, default: 'GENERAL' },
    openedAt: { type: Date, required: true, default: now },
  },
  { collection: 'fund_accounts', timestamps: true, versionKey: false },
);

/**
 * 工会干部权益保障金 accounts live in a collection of their own: one per union, like general
 * accounts, and databases made before this kind existed hold a unique index on `organizationId`
 * alone in `fund_accounts`, which a second account of the same union would collide with.
 */
export const rightsFundAccountSchema = fundAccountSchema.clone();
rightsFundAccountSchema.set('collection', 'rights_fund_accounts');
