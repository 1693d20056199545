import { BadUserInputError, ConflictError, insertIfAbsent, now } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { FinalAccountDoc, PeriodCloseDoc } from '../models';
import { requireBookkeeper } from './access';
import { EXPENSE_CATEGORIES, INCOME_CATEGORIES } from './categories';
import { accountEvent } from './events';
import { requirePeriod, requireYear } from './periods';

/** The balance through a period (all postings dated in it or before). */
export function balanceThrough(ctx: Context, orgId: string, period: string): Promise<number> {
  return ctx.loaders.ledgerSum({ book: 'FUNDS', period: { $lte: period } }).load(orgId);
}

/**
 * Closes a period: one document per account and period (its `_id`), holding the closing balance
 * as a snapshot. Closing again returns the first close.
 */
export async function closePeriod(
  ctx: Context,
  organizationId: string,
  period: string,
): Promise<PeriodCloseDoc> {
  requirePeriod(period, 'period');
  await requireBookkeeper(ctx, organizationId);
  const _id = `${organizationId}:${period}`;
  const latest = await ctx.loaders.closedThrough.load(organizationId);
  if (latest && latest.period > period) {
    throw new BadUserInputError(text('alreadyClosed', { period: latest.period }), 'period');
  }
  const doc: PeriodCloseDoc = {
    _id,
    organizationId,
    period,
    closingBalance: await balanceThrough(ctx, organizationId, period),
    closedAt: now(),
  };
  if (!(await insertIfAbsent(ctx.models.PeriodClose, doc))) {
    return (await ctx.models.PeriodClose.findById(_id).lean<PeriodCloseDoc>())!;
  }
  // The account's closedThrough moved.
  const account = await ctx.loaders.accountByOrganization.load(organizationId);
  if (account) {
    await ctx.publish([accountEvent(account, doc.closedAt.getTime())]);
  }
  return doc;
}

/** Amounts per category of one book for a union and a period condition (one aggregation). */
async function byCategory(
  ctx: Context,
  orgId: string,
  book: 'INCOME' | 'EXPENSE',
  period: Record<string, string>,
): Promise<Map<string, number>> {
  const rows = await ctx.models.Posting.aggregate<{ _id: string; v: number }>([
    { $match: { orgIds: orgId, period } },
    { $unwind: '$lines' },
    { $match: { 'lines.organizationId': orgId, 'lines.book': book } },
    { $group: { _id: '$lines.category', v: { $sum: '$lines.net' } } },
  ]);
  // Income is credit-normal: its amount is −net.
  return new Map(rows.map((r) => [r._id, book === 'INCOME' ? -r.v : r.v]));
}

export async function spendingByCategory(ctx: Context, orgId: string, year: number) {
  const spending = await byCategory(ctx, orgId, 'EXPENSE', yearPeriods(year));
  return EXPENSE_CATEGORIES.map((category) => ({ category, amount: spending.get(category) ?? 0 }));
}

const yearPeriods = (year: number) => ({ $gte: `${year}-01`, $lte: `${year}-12` });

/**
 * Final accounts (决算): closes December (and so the whole year), then freezes the year's totals.
 * Approving again returns the accounts first approved.
 */
export async function approveFinalAccount(ctx: Context, organizationId: string, year: number) {
  requireYear(year);
  await requireBookkeeper(ctx, organizationId);
  const _id = `${organizationId}:${year}`;
  const existing = await ctx.models.FinalAccount.findById(_id).lean<FinalAccountDoc>();
  if (existing) return existing;
  const close = await closePeriod(ctx, organizationId, `${year}-12`);
  const [opening, income, spending, budget] = await Promise.all([
    balanceThrough(ctx, organizationId, `${year - 1}-12`),
    byCategory(ctx, organizationId, 'INCOME', yearPeriods(year)),
    byCategory(ctx, organizationId, 'EXPENSE', yearPeriods(year)),
    ctx.models.Budget.findById(_id).lean(),
  ]);
  const doc: FinalAccountDoc = {
    _id,
    organizationId,
    year,
    openingBalance: opening,
    closingBalance: close.closingBalance,
    income: INCOME_CATEGORIES.map((category) => ({ category, amount: income.get(category) ?? 0 })),
    spending: EXPENSE_CATEGORIES.map((category) => ({ category, amount: spending.get(category) ?? 0 })),
    budgeted: budget?.total ?? 0,
    approvedAt: now(),
  };
  if (!(await insertIfAbsent(ctx.models.FinalAccount, doc))) {
    const winner = await ctx.models.FinalAccount.findById(_id).lean<FinalAccountDoc>();
    if (!winner) throw new ConflictError(text('finalAccountRace'));
    return winner;
  }
  await ctx.publish([{ type: 'FinalAccount', id: _id, op: 'upsert', version: 1 }]);
  return doc;
}

/**
 * Re-derives the balance and checks every close's stored snapshot against the postings now; a
 * posting that slipped into a closed period (see README, the close race) shows as a late entry.
 */
export async function reconcile(ctx: Context, organizationId: string) {
  const closes = await ctx.loaders.closes.load(organizationId);
  const [balance, checks] = await Promise.all([
    ctx.loaders.ledgerSum({ book: 'FUNDS' }).load(organizationId),
    Promise.all(
      closes.map(async (c) => ({
        period: c.period,
        closingBalance: c.closingBalance,
        recomputed: await balanceThrough(ctx, organizationId, c.period),
        lateEntries: await ctx.models.Posting.countDocuments({
          orgIds: organizationId,
          period: { $lte: c.period },
          createdAt: { $gt: c.closedAt },
        }),
      })),
    ),
  ]);
  return {
    balance,
    closes: checks,
    consistent: checks.every((c) => c.closingBalance === c.recomputed && c.lateEntries === 0),
  };
}
