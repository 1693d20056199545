import type { Resolvers } from '../__generated__/resolvers-types';
import { Cadre } from './Cadre';
import { ContractWorker, ContractWorkerStep } from './ContractWorker';
import { Election, ElectionCandidate } from './Election';
import { Mutation } from './Mutation';
import { Member, Organization } from './Organization';
import { Query } from './Query';
import {
  CadreSubsidy,
  ChairTraining,
  ChairVacancy,
  ContractFiling,
  RightsProtectionCase,
  TrainingRecord,
} from './records';

export const resolvers: Resolvers = {
  Query,
  Mutation,
  Cadre,
  Election,
  ElectionCandidate,
  TrainingRecord,
  ChairTraining,
  ChairVacancy,
  ContractFiling,
  ContractWorker,
  ContractWorkerStep,
  CadreSubsidy,
  RightsProtectionCase,
  Organization,
  Member,
};
