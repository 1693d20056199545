import type { TrainingRecordResolvers } from '../__generated__/resolvers-types';
import { orgIdOf } from '../domain/refs';

export const TrainingRecord: TrainingRecordResolvers = {
  __resolveReference: async (ref, ctx) => ctx.scope.visible(await ctx.loaders.training.load(ref.id), orgIdOf),
  id: (t) => t._id,
  member: (t) => ({ id: t.memberId }),
};
