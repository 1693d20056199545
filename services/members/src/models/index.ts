import { jobRunModel } from '@union-graph/subgraph-kit';
import type { Connection } from 'mongoose';
import { accessLogModel } from './access-log';
import { applicationModel } from './application';
import { memberCardModel } from './card';
import { memberChangeModel } from './change';
import { rosterDownloadModel } from './download';
import { duesPaymentModel } from './dues';
import { memberModel } from './member';
import { withdrawalProposalModel } from './sweep';
import { transferModel, transferStepModel } from './transfer';
import { unitDirectoryModel } from './unit-directory';

export type { PersonalAccessDoc } from './access-log';
export type { ApplicationDoc, ApplicationStatus } from './application';
export type { MemberCardDoc } from './card';
export type { FieldChangeDoc, MemberChangeAction, MemberChangeDoc } from './change';
export type { DuesPaymentDoc } from './dues';
export type { Education, FlexibleWork, MemberDoc, MemberStatus, Person } from './member';
export {
  activeKeyOf,
  COUNTED_STATUSES,
  derivedFields,
  EDUCATIONS,
  FLEXIBLE_WORK_KINDS,
  holdsMembership,
  MEMBER_STATUSES,
} from './member';
export type { WithdrawalProposalDoc } from './sweep';
export type { TransferDoc, TransferStepDoc, TransferStepKind } from './transfer';
export type { UnitRefDoc } from './unit-directory';

/** An Organization entity as this subgraph sees it: just the key. */
export interface OrganizationRef {
  id: string;
}

export function createModels(conn: Connection) {
  return {
    Member: memberModel(conn),
    MemberCard: memberCardModel(conn),
    MemberChange: memberChangeModel(conn),
    MembershipApplication: applicationModel(conn),
    MemberTransfer: transferModel(conn),
    TransferStep: transferStepModel(conn),
    DuesPayment: duesPaymentModel(conn),
    RosterDownload: rosterDownloadModel(conn),
    PersonalAccess: accessLogModel(conn),
    WithdrawalProposal: withdrawalProposalModel(conn),
    JobRun: jobRunModel(conn),
    UnitDirectory: unitDirectoryModel(conn),
  };
}

export type Models = ReturnType<typeof createModels>;
