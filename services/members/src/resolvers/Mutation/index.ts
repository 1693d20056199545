import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { applications } from './applications';
import { cards } from './cards';
import { dues } from './dues';
import { members } from './members';
import { roster } from './roster';
import { transfers } from './transfers';

/** One file per schema area (schema/<area>.graphql), each thin over domain/. */
export const Mutation: MutationResolvers = {
  ...applications,
  ...cards,
  ...dues,
  ...members,
  ...roster,
  ...transfers,
};
