import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { recordTraining } from '../../domain/training';

export const trainingMutations: MutationResolvers = {
  recordTraining: (_p, { input }, ctx) => recordTraining(ctx, input),
};
