import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { cardMutations } from './cards';
import { honorMutations } from './honors';

export const Mutation: MutationResolvers = { ...cardMutations, ...honorMutations };
