import { idField } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

/** A closed period: `_id` is `<organizationId>:<period>`, so a period closes once. */
export interface PeriodCloseDoc {
  _id: string;
  organizationId: string;
  period: string;
  /** The balance through the period when it was closed: a snapshot the reconciliation re-checks. */
  closingBalance: number;
  closedAt: Date;
}

export const periodCloseSchema = new Schema<PeriodCloseDoc>(
  {
    _id: { type: String, required: true },
    organizationId: { type: String, required: true, index: true },
    period: { type: String, required: true },
    closingBalance: { type: Number, required: true, validate: Number.isSafeInteger },
    closedAt: { type: Date, required: true },
  },
  { collection: 'period_closes', versionKey: false },
);

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

/**
 * 上代下: `openKey` is the lower union's id while the agreement is active and the agreement's own
 * id once ended, so the unique index allows one active agreement per lower union (FerretDB has no
 * partial indexes).
 */
export interface AgreementDoc {
  _id: string;
  upperId: string;
  lowerId: string;
  openKey: string;
  startedOn: Date;
  endedOn: Date | null;
}

export const agreementSchema = new Schema<AgreementDoc>(
  {
    _id: idField,
    upperId: { type: String, required: true, index: true },
    lowerId: { type: String, required: true, index: true },
    openKey: { type: String, required: true, unique: true },
    startedOn: { type: Date, required: true },
    endedOn: { type: Date, default: null },
  },
  { collection: 'centralized_accounting', timestamps: true, versionKey: false },
);

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

export interface FundsAuditDoc {
  _id: string;
  organizationId: string;
  auditedById: string;
  periodFrom: string;
  periodTo: string;
  conductedOn: Date;
  conclusion: string;
  findings: { severity: string; description: string; amount: number | null }[];
}

export const fundsAuditSchema = new Schema<FundsAuditDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    auditedById: { type: String, required: true },
    periodFrom: { type: String, required: true },
    periodTo: { type: String, required: true },
    conductedOn: { type: Date, required: true },
    conclusion: { type: String, required: true, trim: true, minlength: 1 },
    findings: [
      {
        _id: false,
        severity: { type: String, required: true },
        description: { type: String, required: true },
        amount: { type: Number, default: null },
      },
    ],
  },
  { collection: 'funds_audits', timestamps: true, versionKey: false },
);
