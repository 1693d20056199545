import { now } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

export const BOOKS = ['FUNDS', 'INCOME', 'EXPENSE'] as const;
export type Book = (typeof BOOKS)[number];

export const POSTING_KINDS = [
  'GENERAL',
  'OPENING_BALANCE',
  'PAYROLL_ALLOCATION',
  'PREPARATORY_FUND',
  'DUES',
  'TRANSFER',
  'SUBSIDY',
  'REVERSAL',
  'CADRE_SUBSIDY',
  'RIGHTS_CASE_SUPPORT',
] as const;
export type PostingKind = (typeof POSTING_KINDS)[number];

export interface PostingLineDoc {
  organizationId: string;
  book: Book;
  category: string | null;
  /** Integer fen; exactly one of debit and credit is positive. */
  debit: number;
  credit: number;
  /** debit − credit, stored so one `$sum` gives a balance. */
  net: number;
  earmark: string | null;
  /** `<organizationId>|<period>`: FerretDB groups by one field only, so per-period sums group on this. */
  orgPeriod: string;
}

/** A level's share of a payroll-allocation receipt. */
export interface ShareDoc {
  organizationId: string;
  amount: number;
}

export interface PayrollAllocationDoc {
  unitName: string;
  unitCreditCode: string;
  payroll: number;
  due: number;
  received: number;
  channel: 'DIRECT' | 'TAX_AUTHORITY';
  /** The receiving union: allocation reports group on it. */
  receiverId: string;
  shares: ShareDoc[];
}

export interface DuesDoc {
  memberId: string;
  /** The month paid for (YYYY-MM); the posting's own period is the month it was paid in. */
  period: string;
  wage: number;
  paidAt: Date;
}

/**
 * One posting: every line of a balanced entry in ONE document, so it is written atomically
 * without transactions. `_id` is derived from the idempotency key, so the unique `_id` index makes
 * a replay collide instead of posting twice.
 */
export interface PostingDoc {
  _id: string;
  idempotencyKey: string;
  /** sha256 of the content: a replay with other content under the same key is a conflict. */
  contentHash: string;
  kind: PostingKind;
  /** The kind of the posting a reversal undoes (the own kind otherwise), so reports net reversals out. */
  sourceKind: PostingKind;
  /** The union whose books the posting was entered in: its bookkeeper may reverse it. */
  bookOrgId: string;
  postedOn: Date;
  period: string;
  memo: string | null;
  lines: PostingLineDoc[];
  /** Distinct organizations of the lines, for scoping and batching. */
  orgIds: string[];
  /**
   * Unions whose cadre rights-protection fund the posting moves (FUNDS lines earmarked
   * CADRE_RIGHTS): their fund account lists it. Absent on postings that move none.
   */
  rightsFundOrgIds?: string[];
  total: number;
  reversalOf: string | null;
  keptBy: string | null;
  enteredBy: string;
  allocation: PayrollAllocationDoc | null;
  dues: DuesDoc | null;
  /** The paying member of a dues posting, top level so a member's payments batch on it. */
  memberId: string | null;
  createdAt: Date;
}

const lineSchema = new Schema<PostingLineDoc>(
  {
    organizationId: { type: String, required: true },
    book: { type: String, enum: BOOKS, required: true },
    category: { type: String, default: null },
    debit: { type: Number, required: true, validate: Number.isSafeInteger },
    credit: { type: Number, required: true, validate: Number.isSafeInteger },
    net: { type: Number, required: true, validate: Number.isSafeInteger },
    earmark: { type: String, default: null },
    orgPeriod: { type: String, required: true },
  },
  { _id: false },
);

export const postingSchema = new Schema<PostingDoc>(
  {
    _id: { type: String, required: true },
    idempotencyKey: { type: String, required: true },
    contentHash: { type: String, required: true },
    kind: { type: String, enum: POSTING_KINDS, required: true },
    sourceKind: { type: String, enum: POSTING_KINDS, required: true },
    bookOrgId: { type: String, required: true },
    postedOn: { type: Date, required: true },
    period: { type: String, required: true, index: true },
    memo: { type: String, default: null },
    lines: { type: [lineSchema], required: true },
    orgIds: { type: [String], required: true, index: true },
    rightsFundOrgIds: { type: [String], default: undefined, index: true },
    total: { type: Number, required: true, validate: Number.isSafeInteger },
    reversalOf: { type: String, default: null },
    keptBy: { type: String, default: null },
    enteredBy: { type: String, required: true },
    allocation: {
      type: new Schema<PayrollAllocationDoc>(
        {
          unitName: String,
          unitCreditCode: String,
          payroll: Number,
          due: Number,
          received: Number,
          channel: String,
          receiverId: String,
          shares: [{ _id: false, organizationId: String, amount: Number }],
        },
        { _id: false },
      ),
      default: null,
    },
    memberId: { type: String, default: null, index: true },
    dues: {
      type: new Schema<DuesDoc>(
        { memberId: String, period: String, wage: Number, paidAt: Date },
        { _id: false },
      ),
      default: null,
    },
  },
  {
    collection: 'postings',
    // The kit's clock, like a period close's `closedAt`: the reconciliation compares the two.
    timestamps: { createdAt: true, updatedAt: false, currentTime: now },
    versionKey: false,
  },
);
