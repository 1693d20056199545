import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { postGeneralEntry } from '../../domain/ledger';
import { toDate } from '../../domain/periods';
import { reverse } from '../../domain/reversal';
import { spend } from '../../domain/subsidies';

export const ledger: MutationResolvers = {
  postEntry: (_parent, { input }, ctx) => postGeneralEntry(ctx, input),

  recordSpending: async (_parent, { input }, ctx) => (await spend(ctx, input)).posting,

  reversePosting: async (_parent, { id, postedOn, memo }, ctx) =>
    (await reverse(ctx, id, toDate(postedOn), memo)).posting,
};
