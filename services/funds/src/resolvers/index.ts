import type { Resolvers } from '../__generated__/resolvers-types';
import { DuesPayment, Member } from './DuesPayment';
import { FundAccount } from './FundAccount';
import { Mutation } from './Mutation';
import { FundsAuditStatus, Organization } from './Organization';
import { AllocationShare, Posting, PostingLine } from './Posting';
import { Query } from './Query';
import {
  AllocationCompliance,
  Budget,
  CentralizedAccountingAgreement,
  FinalAccount,
  FundsAudit,
  PeriodClose,
  SubsidyPlan,
  SubsidyPlanItem,
} from './records';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  FundAccount,
  Posting,
  PostingLine,
  AllocationShare,
  DuesPayment,
  Member,
  Organization,
  FundsAuditStatus,
  SubsidyPlan,
  SubsidyPlanItem,
  CentralizedAccountingAgreement,
  Budget,
  FinalAccount,
  FundsAudit,
  PeriodClose,
  AllocationCompliance,
};
