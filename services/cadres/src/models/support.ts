import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/** 兼职工会干部补贴: paid by an upper union to a part-time cadre, once per cadre and period. */
export interface SubsidyDoc {
  _id: string;
  cadreId: string;
  organizationId: string;
  paidByOrganizationId: string;
  /** `YYYY` or `YYYY-MM`. */
  period: string;
  amount: number;
  paidOn: Date;
  /** `<cadreId>:<period>`: a second payment for the same period is a duplicate insert. */
  subsidyKey: string;
}

export const RIGHTS_CASE_KINDS = ['DISMISSAL', 'DEMOTION', 'PAY_CUT', 'TRANSFER', 'OTHER'] as const;

/** Support approved from an upper union's cadre rights-protection fund: funds posts it. */
export interface RightsCaseSupportDoc {
  fundedByOrganizationId: string;
  amount: number;
  approvedOn: Date;
}

/** A case supported by the cadre rights-protection fund (工会干部权益保障金). */
export interface RightsCaseDoc {
  _id: string;
  cadreId: string;
  organizationId: string;
  kind: (typeof RIGHTS_CASE_KINDS)[number];
  openedOn: Date;
  description: string;
  /** Asked for when opened; what the fund pays is `support`. */
  supportAmount: number;
  support?: RightsCaseSupportDoc | null;
  /** 1 when opened, 2 once support is approved: the version of its change events. */
  version?: number;
}

const subsidySchema = new Schema<SubsidyDoc>(
  {
    _id: idField,
    cadreId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    paidByOrganizationId: { type: String, required: true },
    period: { type: String, required: true, match: /^\d{4}(-(0[1-9]|1[0-2]))?$/ },
    amount: { type: Number, required: true, min: 1 },
    paidOn: { type: Date, required: true },
    subsidyKey: { type: String, required: true, unique: true },
  },
  { collection: 'cadre_subsidies', timestamps: true, versionKey: false },
);

const rightsCaseSchema = new Schema<RightsCaseDoc>(
  {
    _id: idField,
    cadreId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    kind: { type: String, required: true, enum: RIGHTS_CASE_KINDS },
    openedOn: { type: Date, required: true },
    description: { type: String, required: true, trim: true, minlength: 1, maxlength: 2000 },
    supportAmount: { type: Number, required: true, min: 0 },
    support: {
      type: new Schema<RightsCaseSupportDoc>(
        {
          fundedByOrganizationId: { type: String, required: true },
          amount: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
          approvedOn: { type: Date, required: true },
        },
        { _id: false },
      ),
      default: null,
    },
    version: { type: Number, default: 1 },
  },
  { collection: 'rights_protection_cases', timestamps: true, versionKey: false },
);

subsidySchema.plugin(idempotentRecords);
rightsCaseSchema.plugin(idempotentRecords);

export function supportModels(conn: Connection) {
  return {
    Subsidy: conn.model<SubsidyDoc>('CadreSubsidy', subsidySchema),
    RightsCase: conn.model<RightsCaseDoc>('RightsProtectionCase', rightsCaseSchema),
  };
}
