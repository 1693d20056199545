import type { Resolvers } from '../__generated__/resolvers-types';
import { AllocationCompliance } from './AllocationCompliance';
import { AllocationShare } from './AllocationShare';
import { Budget } from './Budget';
import { CadreSubsidy } from './CadreSubsidy';
import { CentralizedAccountingAgreement } from './CentralizedAccountingAgreement';
import { DuesPayment } from './DuesPayment';
import { FinalAccount } from './FinalAccount';
import { FundAccount } from './FundAccount';
import { FundsAudit } from './FundsAudit';
import { FundsAuditStatus } from './FundsAuditStatus';
import { Member } from './Member';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { PeriodClose } from './PeriodClose';
import { Posting } from './Posting';
import { PostingLine } from './PostingLine';
import { Query } from './Query';
import { RightsProtectionCase } from './RightsProtectionCase';
import { SubsidyPlan } from './SubsidyPlan';
import { SubsidyPlanItem } from './SubsidyPlanItem';

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
  CadreSubsidy,
  RightsProtectionCase,
};
