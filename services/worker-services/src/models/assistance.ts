import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const HARDSHIP_LEVELS = ['DEEP', 'RELATIVE', 'ACCIDENTAL'] as const;
export const HARDSHIP_CAUSES = [
  'ILLNESS',
  'DISABILITY',
  'UNEMPLOYMENT',
  'CHILD_EDUCATION',
  'DISASTER',
  'ACCIDENT',
  'LOW_INCOME',
  'OTHER',
] as const;

export interface AssistanceCaseDoc {
  _id: string;
  organizationId: string;
  /** The union's division, fixed when the case is opened: hardship statistics group by it. */
  divisionCode: string;
  memberId: string;
  level: (typeof HARDSHIP_LEVELS)[number];
  causes: (typeof HARDSHIP_CAUSES)[number][];
  household: { size: number; monthlyIncomePerHead: number; description?: string | null };
  /** 受理的帮扶中心: the center that received the case (§13); moving it is the one update a case gets. */
  centerId?: string | null;
  /**
   * The union running that center, set with `centerId` in the same write: a change to the case names
   * it, since its `Organization.assistanceCenters` shows the center's caseload.
   */
  centerOrganizationId?: string | null;
  createdAt: Date;
}

const assistanceCaseSchema = new Schema<AssistanceCaseDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    divisionCode: { type: String, required: true },
    memberId: { type: String, required: true, index: true },
    level: { type: String, required: true, enum: HARDSHIP_LEVELS },
    causes: {
      type: [{ type: String, enum: HARDSHIP_CAUSES }],
      validate: { validator: (v: string[]) => v.length > 0, message: 'at least one cause is required' },
    },
    household: {
      size: { type: Number, required: true, min: 1, max: 50 },
      monthlyIncomePerHead: { type: Number, required: true, min: 0 },
      description: { type: String, default: null, trim: true, maxlength: 2000 },
    },
    centerId: { type: String, default: null, index: true },
    centerOrganizationId: { type: String, default: null },
  },
  { collection: 'assistance_cases', timestamps: true, versionKey: false },
);
assistanceCaseSchema.plugin(idempotentRecords);

export interface BenefitProgramDoc {
  _id: string;
  organizationId: string;
  name: string;
  category: string;
  perMemberLimit: number;
  hardshipOnly: boolean;
  validFrom: Date;
  validUntil: Date;
}

const benefitProgramSchema = new Schema<BenefitProgramDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    name: { type: String, required: true, trim: true, minlength: 1 },
    category: {
      type: String,
      required: true,
      enum: ['DISCOUNT', 'INSURANCE', 'HEALTH_CHECK', 'CULTURE_SPORTS', 'HOLIDAY_GIFT', 'OTHER'],
    },
    perMemberLimit: { type: Number, required: true, min: 1, max: 1000 },
    hardshipOnly: { type: Boolean, default: false },
    validFrom: { type: Date, required: true },
    validUntil: { type: Date, required: true },
  },
  { collection: 'benefit_programs', timestamps: true, versionKey: false },
);
benefitProgramSchema.plugin(idempotentRecords);

/**
 * A redemption occupies one of the member's numbered slots (1..limit). The unique key makes each
 * slot a single winner, so concurrent redemptions can never exceed the limit.
 */
export interface BenefitRedemptionDoc {
  _id: string;
  programId: string;
  memberId: string;
  organizationId: string;
  slot: number;
  createdAt: Date;
}

const benefitRedemptionSchema = new Schema<BenefitRedemptionDoc>(
  {
    _id: idField,
    programId: { type: String, required: true },
    memberId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true },
    slot: { type: Number, required: true, min: 1 },
  },
  { collection: 'benefit_redemptions', timestamps: true, versionKey: false },
);
benefitRedemptionSchema.plugin(idempotentRecords);
benefitRedemptionSchema.index({ programId: 1, memberId: 1, slot: 1 }, { unique: true });

export interface PurchasedServiceDoc {
  _id: string;
  organizationId: string;
  title: string;
  mode: 'PROJECT' | 'ORDER';
  providerName: string;
  providerCreditCode: string;
  amount: number;
  startsOn: Date;
  endsOn: Date;
  beneficiaries: number;
}

const purchasedServiceSchema = new Schema<PurchasedServiceDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    title: { type: String, required: true, trim: true, minlength: 1 },
    mode: { type: String, required: true, enum: ['PROJECT', 'ORDER'] },
    providerName: { type: String, required: true, trim: true, minlength: 1 },
    providerCreditCode: { type: String, required: true },
    amount: { type: Number, required: true, min: 0 },
    startsOn: { type: Date, required: true },
    endsOn: { type: Date, required: true },
    beneficiaries: { type: Number, required: true, min: 0 },
  },
  { collection: 'purchased_services', timestamps: true, versionKey: false },
);
purchasedServiceSchema.plugin(idempotentRecords);

export function createAssistanceModels(conn: Connection) {
  return {
    AssistanceCase: conn.model<AssistanceCaseDoc>('AssistanceCase', assistanceCaseSchema),
    BenefitProgram: conn.model<BenefitProgramDoc>('BenefitProgram', benefitProgramSchema),
    BenefitRedemption: conn.model<BenefitRedemptionDoc>('BenefitRedemption', benefitRedemptionSchema),
    PurchasedService: conn.model<PurchasedServiceDoc>('PurchasedService', purchasedServiceSchema),
  };
}
