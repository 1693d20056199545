import type {
  AllocationComplianceResolvers,
  BudgetResolvers,
  CentralizedAccountingAgreementResolvers,
  FinalAccountResolvers,
  FundsAuditResolvers,
  PeriodCloseResolvers,
  SubsidyPlanItemResolvers,
  SubsidyPlanResolvers,
} from '../__generated__/resolvers-types';
import { WORKER_CATEGORIES } from '../domain/categories';
import { spendingByCategory } from '../domain/closing';
import { postingIdFor } from '../domain/ledger';
import { shareInBasisPoints } from '../domain/money';
import { planKey } from '../domain/subsidies';

const orgOf = (d: { organizationId: string }) => ({ id: d.organizationId });

export const SubsidyPlan: SubsidyPlanResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.subsidyPlan.load(ref.id), (p) => p.funderId),
  id: (p) => p._id,
  funder: (p) => ({ id: p.funderId }),
  disbursement: (p, _args, { loaders }) => loaders.posting.load(postingIdFor(planKey(p._id))),
};

export const SubsidyPlanItem: SubsidyPlanItemResolvers = {
  recipient: (i) => ({ id: i.recipientId }),
};

export const CentralizedAccountingAgreement: CentralizedAccountingAgreementResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.agreementById.load(ref.id), (a) => a.lowerId),
  id: (a) => a._id,
  upper: (a) => ({ id: a.upperId }),
  lower: (a) => ({ id: a.lowerId }),
  active: (a) => a.endedOn === null,
};

export const Budget: BudgetResolvers = {
  __resolveReference: async (ref, { models, scope }) =>
    scope.visible(await models.Budget.findById(ref.id).lean(), (b) => b.organizationId),
  id: (b) => b._id,
  organization: orgOf,
  spending: (b, _args, ctx) => spendingByCategory(ctx, b.organizationId, b.year),
  workerShareBp: async (b, _args, ctx) => {
    const spending = await spendingByCategory(ctx, b.organizationId, b.year);
    const total = spending.reduce((a, s) => a + s.amount, 0);
    const onWorkers = spending
      .filter((s) => WORKER_CATEGORIES.has(s.category))
      .reduce((a, s) => a + s.amount, 0);
    return shareInBasisPoints(onWorkers, total);
  },
};

export const FinalAccount: FinalAccountResolvers = {
  __resolveReference: async (ref, { models, scope }) =>
    scope.visible(await models.FinalAccount.findById(ref.id).lean(), (f) => f.organizationId),
  id: (f) => f._id,
  organization: orgOf,
};

export const FundsAudit: FundsAuditResolvers = {
  __resolveReference: async (ref, { models, scope }) =>
    scope.visible(await models.FundsAudit.findById(ref.id).lean(), (a) => a.organizationId),
  id: (a) => a._id,
  organization: orgOf,
  auditedBy: (a) => ({ id: a.auditedById }),
};

export const PeriodClose: PeriodCloseResolvers = {
  organization: orgOf,
};

export const AllocationCompliance: AllocationComplianceResolvers = {
  organization: orgOf,
};
