import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { importRoster } from '../../domain/roster-import';

export const roster: MutationResolvers = {
  importRoster: (_p, { input }, ctx) => importRoster(ctx, input),
};
