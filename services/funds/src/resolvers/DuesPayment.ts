import { connectionFromArray } from '@union-graph/subgraph-kit';
import type { DuesPaymentResolvers, MemberResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { postingIdFor } from '../domain/ledger';
import { reversalKey } from '../domain/reversal';
import type { PostingDoc } from '../models';

const incomeLine = (p: PostingDoc) => p.lines.find((l) => l.book === 'INCOME')!;

function ownRecord(ctx: Context, memberId: string): boolean {
  return ctx.caller.memberId === memberId;
}

/**
 * A member's dues payments that stand (reversed ones drop out), if the caller may see them: the
 * member themself, or administrators and analysts whose scope holds the union that recorded them.
 */
async function standingDues(ctx: Context, memberId: string): Promise<PostingDoc[]> {
  const payments = await ctx.loaders.duesByMember.load(memberId);
  const reversals = await ctx.loaders.posting.loadMany(payments.map((p) => postingIdFor(reversalKey(p._id))));
  const standing = payments.filter((_, i) => !reversals[i]);
  if (ownRecord(ctx, memberId)) return standing;
  if (ctx.caller.roles.every((r) => r === 'MEMBER')) return [];
  const visible = await Promise.all(
    standing.map((p) => ctx.scope.visible(p, (d) => incomeLine(d).organizationId)),
  );
  return visible.filter((p): p is PostingDoc => !!p);
}

export const DuesPayment: DuesPaymentResolvers = {
  __resolveReference: async (ref, ctx) => {
    const p = await ctx.loaders.posting.load(ref.id);
    if (!p?.dues) return null;
    return ownRecord(ctx, p.dues.memberId) ? p : ctx.scope.visible(p, (d) => incomeLine(d).organizationId);
  },
  id: (p) => p._id,
  member: (p) => ({ id: p.dues!.memberId }),
  organization: (p) => ({ id: incomeLine(p).organizationId }),
  period: (p) => p.dues!.period,
  wage: (p, _args, ctx) =>
    ctx.scope.canSeePersonalData || ownRecord(ctx, p.dues!.memberId) ? p.dues!.wage : null,
  amount: (p) => incomeLine(p).credit,
  paidAt: (p) => p.dues!.paidAt,
};

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  duesPayments: async (m, args, ctx) => connectionFromArray(await standingDues(ctx, m.id), args),
  lastDuesPaidAt: async (m, _args, ctx) => {
    const paid = (await standingDues(ctx, m.id)).map((p) => new Date(p.dues!.paidAt).getTime());
    return paid.length ? new Date(Math.max(...paid)) : null;
  },
};
