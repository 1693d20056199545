import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { contractWorkerMutations } from './contract-workers';
import { electionMutations } from './elections';
import { filingMutations } from './filings';
import { positionMutations } from './positions';
import { supportMutations } from './support';
import { trainingMutations } from './training';

export const Mutation: MutationResolvers = {
  ...positionMutations,
  ...electionMutations,
  ...trainingMutations,
  ...filingMutations,
  ...contractWorkerMutations,
  ...supportMutations,
};
