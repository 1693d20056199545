import { memberRef, orgRef } from '@union-graph/subgraph-kit';
import type {
  AssistanceCaseDoc,
  AwardNominationDoc,
  CollectiveContractDoc,
  CollectiveDisputeDoc,
  LaborAlertDoc,
  ModelTitleDoc,
} from '../models';
import type { Flow } from './flow';

export * from './flow';

export type ModelTitleStatus = 'CREATED' | 'APPLIED' | 'ASSESSED' | 'REJECTED' | 'COMMENDED' | 'REVOKED';

/** 创建→申报→考核→表彰→复查: a failed assessment ends the campaign, a failed recheck revokes the title. */
export const modelTitleFlow: Flow<ModelTitleStatus, ModelTitleDoc> = {
  subjectType: 'ModelTitle',
  // The union's `modelTitles` and `modelHomeEligibility` (titles held), the home's `modelTitles`.
  affects: (t) => [orgRef(t.organizationId), { type: 'WorkersHome', id: t.homeId }],
  initial: 'CREATED',
  steps: {
    APPLY: { from: ['CREATED'], to: 'APPLIED' },
    ASSESS: { from: ['APPLIED'], to: (passed) => (passed ? 'ASSESSED' : 'REJECTED'), decision: true },
    COMMEND: { from: ['ASSESSED'], to: 'COMMENDED' },
    RECHECK: {
      from: ['COMMENDED'],
      to: (passed) => (passed ? 'COMMENDED' : 'REVOKED'),
      repeatable: true,
      decision: true,
    },
  },
};

export type AssistanceStatus = 'SUBMITTED' | 'REVIEWED' | 'APPROVED' | 'REJECTED' | 'ASSISTING' | 'CLOSED';

/** 审核 by the union, 审批 by the upper union, then assistance given any number of times, then closed. */
export const assistanceFlow: Flow<AssistanceStatus, AssistanceCaseDoc> = {
  subjectType: 'AssistanceCase',
  // The member's `assistanceCases`.
  affects: (c) => [memberRef(c.memberId)],
  initial: 'SUBMITTED',
  steps: {
    REVIEW: { from: ['SUBMITTED'], to: (p) => (p ? 'REVIEWED' : 'REJECTED'), decision: true },
    APPROVE: { from: ['REVIEWED'], to: (p) => (p ? 'APPROVED' : 'REJECTED'), decision: true },
    ASSIST: { from: ['APPROVED', 'ASSISTING'], to: 'ASSISTING', repeatable: true },
    CLOSE: { from: ['APPROVED', 'ASSISTING'], to: 'CLOSED' },
  },
};

export type AlertStage = 'WARNED' | 'ASSESSED' | 'REPORTED' | 'EMERGENCY' | 'RESOLVED';

/** 预警→预判→预报→紧急处置; an assessed alert may be resolved at any later stage. */
export const alertFlow: Flow<AlertStage, LaborAlertDoc> = {
  subjectType: 'LaborAlert',
  // The union's `openAlerts`.
  affects: (a) => [orgRef(a.organizationId)],
  initial: 'WARNED',
  steps: {
    ASSESS: { from: ['WARNED'], to: 'ASSESSED' },
    REPORT: { from: ['ASSESSED'], to: 'REPORTED' },
    EMERGENCY: { from: ['REPORTED'], to: 'EMERGENCY' },
    RESOLVE: { from: ['ASSESSED', 'REPORTED', 'EMERGENCY'], to: 'RESOLVED' },
  },
};

export type DisputeStatus = 'OPEN' | 'REPORTED' | 'TAKEN_OVER' | 'RESOLVED';

/** R8: nothing happens to a dispute before it is reported up; the upper union may then take it over. */
export const disputeFlow: Flow<DisputeStatus, CollectiveDisputeDoc> = {
  subjectType: 'CollectiveDispute',
  // The alert it escalates shows it (`dispute`), and so do the union's `openAlerts`.
  affects: (d) => (d.alertId ? [{ type: 'LaborAlert', id: d.alertId }, orgRef(d.organizationId)] : []),
  initial: 'OPEN',
  steps: {
    REPORT: { from: ['OPEN'], to: 'REPORTED' },
    TAKE_OVER: { from: ['REPORTED'], to: 'TAKEN_OVER' },
    RESOLVE: { from: ['REPORTED', 'TAKEN_OVER'], to: 'RESOLVED' },
  },
};

export type ContractStage = 'DRAFT' | 'NEGOTIATING' | 'SIGNED' | 'FILED';

/** 协商 (one or more rounds) → 签订 → 备案. Expiry and renewal are read from dates and successors. */
export const contractFlow: Flow<ContractStage, CollectiveContractDoc> = {
  subjectType: 'CollectiveContract',
  // The union's `collectiveContracts`, and the contract it renews (`renewedBy`).
  affects: (c) => [
    orgRef(c.organizationId),
    c.renewsId ? { type: 'CollectiveContract', id: c.renewsId } : null,
  ],
  initial: 'DRAFT',
  steps: {
    NEGOTIATE: { from: ['DRAFT', 'NEGOTIATING'], to: 'NEGOTIATING', repeatable: true },
    SIGN: { from: ['NEGOTIATING'], to: 'SIGNED' },
    FILE: { from: ['SIGNED'], to: 'FILED' },
  },
};

export type AwardStatus = 'NOMINATED' | 'CONFERRED' | 'DECLINED';

/** 推荐→评定: the conferring federation decides once. */
export const awardFlow: Flow<AwardStatus, AwardNominationDoc> = {
  subjectType: 'AwardNomination',
  // Nothing outside the nomination shows it.
  affects: () => [],
  initial: 'NOMINATED',
  steps: {
    DECIDE: { from: ['NOMINATED'], to: (p) => (p ? 'CONFERRED' : 'DECLINED'), decision: true },
  },
};
