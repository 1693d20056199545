import { connectionFromArray } from '@union-graph/subgraph-kit';
import type { MemberResolvers } from '../__generated__/resolvers-types';
import { standingDues } from '../domain/dues';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  duesPayments: async (m, args, ctx) => connectionFromArray(await standingDues(ctx, m.id), args),
  lastDuesPaidAt: async (m, _args, ctx) => {
    const paid = (await standingDues(ctx, m.id)).map((p) => new Date(p.dues!.paidAt).getTime());
    return paid.length ? new Date(Math.max(...paid)) : null;
  },
};
