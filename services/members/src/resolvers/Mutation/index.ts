import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { importRoster } from '../../domain/roster-import';
import { joining } from './joining';
import { records } from './records';
import { transfers } from './transfers';

export const Mutation: MutationResolvers = {
  ...joining,
  ...records,
  ...transfers,
  importRoster: (_p, { input }, ctx) => importRoster(ctx, input),
};
