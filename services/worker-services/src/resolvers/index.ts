import type { Resolvers } from '../__generated__/resolvers-types';
import { AssistanceCase } from './AssistanceCase';
import { AssistanceCenter } from './AssistanceCenter';
import { AwardNomination } from './AwardNomination';
import { BenefitProgram } from './BenefitProgram';
import { BenefitRedemption } from './BenefitRedemption';
import { CollectiveContract } from './CollectiveContract';
import { CollectiveContractReport } from './CollectiveContractReport';
import { CollectiveDispute } from './CollectiveDispute';
import { Competition } from './Competition';
import { CompetitionEntry } from './CompetitionEntry';
import { CongressResolution } from './CongressResolution';
import { CoveredUnit } from './CoveredUnit';
import { Disclosure } from './Disclosure';
import { EligibilityFigures } from './EligibilityFigures';
import { EmployeeRepresentative } from './EmployeeRepresentative';
import { HostUnit } from './HostUnit';
import { LaborAlert } from './LaborAlert';
import { Member } from './Member';
import { ModelHomeEligibility } from './ModelHomeEligibility';
import { ModelTitle } from './ModelTitle';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { PurchasedService } from './PurchasedService';
import { Query } from './Query';
import { SatisfactionSurvey } from './SatisfactionSurvey';
import { SectoralCoverageReport } from './SectoralCoverageReport';
import { SurveyResponse } from './SurveyResponse';
import { WorkersCongress } from './WorkersCongress';
import { WorkersHome } from './WorkersHome';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  WorkersHome,
  ModelTitle,
  SatisfactionSurvey,
  SurveyResponse,
  AssistanceCase,
  AssistanceCenter,
  BenefitProgram,
  BenefitRedemption,
  PurchasedService,
  Competition,
  CompetitionEntry,
  AwardNomination,
  CollectiveContract,
  CollectiveContractReport,
  CoveredUnit,
  SectoralCoverageReport,
  HostUnit,
  WorkersCongress,
  CongressResolution,
  Disclosure,
  EmployeeRepresentative,
  LaborAlert,
  CollectiveDispute,
  Organization,
  Member,
  ModelHomeEligibility,
  EligibilityFigures,
};
