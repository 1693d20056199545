import type { Connection } from 'mongoose';
import { type FundAccountDoc, fundAccountSchema } from './account';
import { type PostingDoc, postingSchema } from './posting';
import {
  type AgreementDoc,
  agreementSchema,
  type BudgetDoc,
  budgetSchema,
  type FinalAccountDoc,
  type FundsAuditDoc,
  finalAccountSchema,
  fundsAuditSchema,
  type PeriodCloseDoc,
  periodCloseSchema,
  type SubsidyPlanDoc,
  subsidyPlanSchema,
} from './records';

export * from './account';
export * from './posting';
export * from './records';

/** An entity owned by another subgraph, known here by its key only. */
export interface EntityRef {
  id: string;
}

export function createModels(conn: Connection) {
  return {
    FundAccount: conn.model<FundAccountDoc>('FundAccount', fundAccountSchema),
    Posting: conn.model<PostingDoc>('Posting', postingSchema),
    PeriodClose: conn.model<PeriodCloseDoc>('PeriodClose', periodCloseSchema),
    SubsidyPlan: conn.model<SubsidyPlanDoc>('SubsidyPlan', subsidyPlanSchema),
    Agreement: conn.model<AgreementDoc>('Agreement', agreementSchema),
    Budget: conn.model<BudgetDoc>('Budget', budgetSchema),
    FinalAccount: conn.model<FinalAccountDoc>('FinalAccount', finalAccountSchema),
    FundsAudit: conn.model<FundsAuditDoc>('FundsAudit', fundsAuditSchema),
  };
}

export type Models = ReturnType<typeof createModels>;
