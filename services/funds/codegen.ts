import { subgraphCodegen } from '@union-graph/subgraph-kit/codegen';

export default subgraphCodegen({
  mappers: {
    FundAccount: '../models#FundAccountDoc',
    Posting: '../models#PostingDoc',
    PostingLine: '../models#PostingLineDoc',
    PayrollAllocation: '../models#PayrollAllocationDoc',
    AllocationShare: '../models#ShareDoc',
    DuesPayment: '../models#PostingDoc',
    SubsidyPlan: '../models#SubsidyPlanDoc',
    SubsidyPlanItem: '../models#SubsidyPlanItemDoc',
    CentralizedAccountingAgreement: '../models#AgreementDoc',
    Budget: '../models#BudgetDoc',
    FinalAccount: '../models#FinalAccountDoc',
    FundsAudit: '../models#FundsAuditDoc',
    FundsAuditStatus: '../domain/views#AuditStatus',
    PeriodClose: '../models#PeriodCloseDoc',
    AllocationCompliance: '../domain/views#AllocationRow',
    Organization: '../models#EntityRef',
    Member: '../models#EntityRef',
    CadreSubsidy: '../models#EntityRef',
    RightsProtectionCase: '../models#EntityRef',
  },
});
