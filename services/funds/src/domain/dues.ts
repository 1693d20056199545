import { BadUserInputError, memberRef } from '@union-graph/subgraph-kit';
import type { DuesPaymentInput } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { PostingDoc } from '../models';
import type { FundRules } from '../rules';
import { requireBookkeeper } from './access';
import { type PostingDraft, post, postingIdFor, reversalKey } from './ledger';
import { basisPointsOf, requirePositive } from './money';
import { requirePeriod, toDate } from './periods';

export const DUES_PAYMENT_EVENT = 'DuesPayment';

/** One payment per member and month: the key is fixed, so a retry (or a double entry) posts once. */
export const duesKey = (memberId: string, period: string) => `dues:${memberId}:${period}`;

/** A dues posting's income line: the union that recorded the payment and the amount. */
export const duesIncome = (p: PostingDoc) => p.lines.find((l) => l.book === 'INCOME')!;

/** What the members subgraph consumes (R16's six-month rule reads `paidAt`). */
export function duesPaymentEvent(p: PostingDoc) {
  const income = duesIncome(p);
  return {
    type: DUES_PAYMENT_EVENT,
    id: p._id,
    op: 'upsert' as const,
    version: 1,
    data: {
      memberId: p.dues!.memberId,
      organizationId: income.organizationId,
      period: p.dues!.period,
      amount: income.credit,
      paidAt: new Date(p.dues!.paidAt).toISOString(),
    },
    // The member's `duesPayments` and `lastDuesPaidAt`.
    affects: [memberRef(p.dues!.memberId)],
  };
}

/** R16: dues are 0.5% of the monthly wage, rounded half up to the fen. */
export async function recordDues(ctx: Context, input: DuesPaymentInput, rules: FundRules) {
  const { org, keptBy } = await requireBookkeeper(ctx, input.organizationId);
  const memberId = input.memberId.trim();
  if (!memberId) throw new BadUserInputError(text('memberIdRequired'), 'memberId');
  requirePeriod(input.period, 'period');
  requirePositive(input.wage, 'wage');
  if (basisPointsOf(input.wage, rules.duesRateBp) === 0) {
    throw new BadUserInputError(text('wageTooSmall'), 'wage');
  }
  const result = await post(
    ctx,
    duesDraft({ ...input, memberId, organizationId: org._id, paidAt: toDate(input.paidAt) }, rules, keptBy),
  );
  // Published on replays too: consumers replace by id, and a retry after a failed publish must reach them.
  await ctx.publish([duesPaymentEvent(result.posting)]);
  return result.posting;
}

export interface DuesPayment {
  memberId: string;
  organizationId: string;
  period: string;
  wage: number;
  paidAt: Date;
}

/** R16: the posting draft of a member's dues for one month. Pure, so the demo seed books dues as the mutation does. */
export function duesDraft(p: DuesPayment, rules: FundRules, keptBy: string | null = null): PostingDraft {
  const amount = basisPointsOf(p.wage, rules.duesRateBp);
  return {
    idempotencyKey: duesKey(p.memberId, p.period),
    kind: 'DUES',
    bookOrgId: p.organizationId,
    postedOn: p.paidAt,
    memo: `会费 ${p.period}`,
    lines: [
      { organizationId: p.organizationId, book: 'FUNDS', debit: amount },
      { organizationId: p.organizationId, book: 'INCOME', category: 'DUES', credit: amount },
    ],
    keptBy,
    dues: { memberId: p.memberId, period: p.period, wage: p.wage, paidAt: p.paidAt },
  };
}

/** Members see their own dues (and wage) whatever their role. */
export function isOwnDues(ctx: Context, memberId: string): boolean {
  return ctx.caller.memberId === memberId;
}

/**
 * A member's dues payments that stand (reversed ones drop out), if the caller may see them: the
 * member themself, or administrators and analysts whose scope holds the union that recorded them.
 */
export async function standingDues(ctx: Context, memberId: string): Promise<PostingDoc[]> {
  const payments = await ctx.loaders.duesByMember.load(memberId);
  const reversals = await ctx.loaders.posting.loadMany(payments.map((p) => postingIdFor(reversalKey(p._id))));
  const standing = payments.filter((_, i) => !reversals[i]);
  if (isOwnDues(ctx, memberId)) return standing;
  if (ctx.caller.roles.every((r) => r === 'MEMBER')) return [];
  const visible = await Promise.all(
    standing.map((p) => ctx.scope.visible(p, (d) => duesIncome(d).organizationId)),
  );
  return visible.filter((p): p is PostingDoc => !!p);
}
