import type { Connection } from 'mongoose';
import { type FundAccountDoc, fundAccountSchema, rightsFundAccountSchema } from './account';
import { type AgreementDoc, agreementSchema } from './agreement';
import { type BudgetDoc, budgetSchema } from './budget';
import { type FinalAccountDoc, finalAccountSchema } from './final-account';
import { type FundsAuditDoc, fundsAuditSchema } from './funds-audit';
import { type ParkedEventDoc, parkedEventSchema } from './parked-event';
import { type PeriodCloseDoc, periodCloseSchema } from './period-close';
import { type PostingDoc, postingSchema } from './posting';
import { type SubsidyPlanDoc, subsidyPlanSchema } from './subsidy-plan';

export * from './account';
export * from './agreement';
export * from './budget';
export * from './final-account';
export * from './funds-audit';
export * from './parked-event';
export * from './period-close';
export * from './posting';
export * from './subsidy-plan';

/** An entity owned by another subgraph, known here by its key only. */
export interface EntityRef {
  id: string;
}

export function createModels(conn: Connection) {
  return {
    FundAccount: conn.model<FundAccountDoc>('FundAccount', fundAccountSchema),
    RightsFundAccount: conn.model<FundAccountDoc>('RightsFundAccount', rightsFundAccountSchema),
    Posting: conn.model<PostingDoc>('Posting', postingSchema),
    PeriodClose: conn.model<PeriodCloseDoc>('PeriodClose', periodCloseSchema),
    SubsidyPlan: conn.model<SubsidyPlanDoc>('SubsidyPlan', subsidyPlanSchema),
    Agreement: conn.model<AgreementDoc>('Agreement', agreementSchema),
    Budget: conn.model<BudgetDoc>('Budget', budgetSchema),
    FinalAccount: conn.model<FinalAccountDoc>('FinalAccount', finalAccountSchema),
    FundsAudit: conn.model<FundsAuditDoc>('FundsAudit', fundsAuditSchema),
    ParkedEvent: conn.model<ParkedEventDoc>('ParkedEvent', parkedEventSchema),
  };
}

export type Models = ReturnType<typeof createModels>;
