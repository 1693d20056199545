import type { Resolvers } from '../__generated__/resolvers-types';
import { Cadre } from './Cadre';
import { CadreSubsidy } from './CadreSubsidy';
import { ChairTraining } from './ChairTraining';
import { ChairVacancy } from './ChairVacancy';
import { ContractFiling } from './ContractFiling';
import { ContractWorker } from './ContractWorker';
import { ContractWorkerStep } from './ContractWorkerStep';
import { Election } from './Election';
import { ElectionCandidate } from './ElectionCandidate';
import { Member } from './Member';
import { Mutation } from './Mutation';
import { Organization } from './Organization';
import { Query } from './Query';
import { RightsCaseSupport } from './RightsCaseSupport';
import { RightsProtectionCase } from './RightsProtectionCase';
import { Staffing } from './Staffing';
import { TrainingRecord } from './TrainingRecord';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Cadre,
  Election,
  ElectionCandidate,
  TrainingRecord,
  ChairTraining,
  ChairVacancy,
  Staffing,
  ContractFiling,
  ContractWorker,
  ContractWorkerStep,
  CadreSubsidy,
  RightsProtectionCase,
  RightsCaseSupport,
  Organization,
  Member,
};
