import type { Resolvers } from '../__generated__/resolvers-types';
import { CollectiveDispute, LaborAlert } from './alerts';
import { AssistanceCase, BenefitProgram, BenefitRedemption, PurchasedService } from './assistance';
import { AwardNomination, Competition, CompetitionEntry } from './awards';
import {
  CollectiveContract,
  CollectiveContractReport,
  CongressResolution,
  Disclosure,
  EmployeeRepresentative,
  WorkersCongress,
} from './bargaining';
import { Member, ModelHomeEligibility, Organization } from './federation';
import { ModelTitle, SatisfactionSurvey, SurveyResponse, WorkersHome } from './homes';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  WorkersHome,
  ModelTitle,
  SatisfactionSurvey,
  SurveyResponse,
  AssistanceCase,
  BenefitProgram,
  BenefitRedemption,
  PurchasedService,
  Competition,
  CompetitionEntry,
  AwardNomination,
  CollectiveContract,
  CollectiveContractReport,
  WorkersCongress,
  CongressResolution,
  Disclosure,
  EmployeeRepresentative,
  LaborAlert,
  CollectiveDispute,
  Organization,
  Member,
  ModelHomeEligibility,
};
