import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { conferHonor } from '../../domain/honors';

/** 广东省级荣誉: recording one (domain/honors). */
export const honorMutations: MutationResolvers = {
  gdConferHonor: (_p, { input }, ctx) => conferHonor(ctx, input),
};
