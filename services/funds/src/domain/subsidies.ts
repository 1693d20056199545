import { appendOnce, BadUserInputError, NotFoundError, type OrgRef } from '@union-graph/subgraph-kit';
import type { SpendingInput, SubsidyPlanInput, TransferInput } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { SubsidyPlanDoc } from '../models';
import type { FundRules } from '../rules';
import { isBelow, requireBookkeeper } from './access';
import { EARMARK_RECIPIENT_TYPES, EXPENSE_CATEGORIES, earmarkHolderProblem } from './categories';
import { clientKey, type LineDraft, post } from './ledger';
import { requirePositive } from './money';
import { requireYear, toDate } from './periods';

/** R9: the postings that fund lower unions (a reversal of one keeps it as its source kind). */
export const FUNDING_KINDS: readonly string[] = ['TRANSFER', 'SUBSIDY'];

export const planKey = (planId: string) => `subsidy-plan:${planId}`;

/** The four lines of money moving down the tree: spending for the upper union, income for the lower. */
function fundingLines(
  fromId: string,
  to: { id: string; amount: number; earmark?: string | null }[],
): LineDraft[] {
  const total = to.reduce((a, t) => a + t.amount, 0);
  return [
    { organizationId: fromId, book: 'EXPENSE', category: 'SUBSIDY_TO_LOWER', debit: total },
    { organizationId: fromId, book: 'FUNDS', credit: total },
    ...to.flatMap((t): LineDraft[] => [
      { organizationId: t.id, book: 'FUNDS', debit: t.amount, earmark: t.earmark ?? null },
      { organizationId: t.id, book: 'INCOME', category: 'SUBSIDY_FROM_UPPER', credit: t.amount },
    ]),
  ];
}

async function requireRecipient(
  ctx: Context,
  funder: OrgRef,
  id: string,
  field: string,
  earmark?: string | null,
) {
  const org = await ctx.scope.requireOrg(id, field);
  if (!isBelow(org, funder._id)) {
    throw new BadUserInputError(text('notBelow', { org: org.name, upper: funder.name }), field);
  }
  if (earmark && !EARMARK_RECIPIENT_TYPES[earmark]?.has(org.type)) {
    throw new BadUserInputError(
      earmark === 'CADRE_RIGHTS'
        ? earmarkHolderProblem(earmark, org)
        : text('earmarkRecipient', { earmark, org: org.name, type: org.type }),
      field,
    );
  }
  return org;
}

export async function transfer(ctx: Context, input: TransferInput) {
  if (input.kind !== 'TRANSFER' && input.kind !== 'SUBSIDY') {
    throw new BadUserInputError(text('transferKind'), 'kind');
  }
  requirePositive(input.amount, 'amount');
  const { org: funder, keptBy } = await requireBookkeeper(
    ctx,
    input.fromOrganizationId,
    'fromOrganizationId',
  );
  const to = await requireRecipient(ctx, funder, input.toOrganizationId, 'toOrganizationId', input.earmark);
  return post(ctx, {
    idempotencyKey: clientKey(ctx.caller.id, input.idempotencyKey),
    kind: input.kind,
    bookOrgId: funder._id,
    postedOn: toDate(input.postedOn),
    memo: input.memo ?? null,
    lines: fundingLines(funder._id, [{ id: to._id, amount: input.amount, earmark: input.earmark }]),
    keptBy,
  });
}

export async function spend(ctx: Context, input: SpendingInput) {
  requirePositive(input.amount, 'amount');
  if (!(EXPENSE_CATEGORIES as readonly string[]).includes(input.category)) {
    throw new BadUserInputError(text('notSpending', { category: input.category }), 'category');
  }
  if (input.category === 'SUBSIDY_TO_LOWER') {
    throw new BadUserInputError(text('lowerViaTransfer'), 'category');
  }
  const { org, keptBy } = await requireBookkeeper(ctx, input.organizationId);
  if (input.earmark && !EARMARK_RECIPIENT_TYPES[input.earmark]?.has(org.type)) {
    throw new BadUserInputError(
      input.earmark === 'CADRE_RIGHTS' ? earmarkHolderProblem(input.earmark, org) : text('earmarkNotHeld'),
      'earmark',
    );
  }
  if (input.earmark) {
    const held = await ctx.loaders.ledgerSum({ book: 'FUNDS', earmark: input.earmark }).load(org._id);
    if (held < input.amount) {
      throw new BadUserInputError(text('earmarkShort', { held }), 'amount', { held });
    }
  }
  return post(ctx, {
    idempotencyKey: clientKey(ctx.caller.id, input.idempotencyKey),
    kind: 'GENERAL',
    bookOrgId: org._id,
    postedOn: toDate(input.postedOn),
    memo: input.memo ?? null,
    lines: [
      { organizationId: org._id, book: 'EXPENSE', category: input.category, debit: input.amount },
      { organizationId: org._id, book: 'FUNDS', credit: input.amount, earmark: input.earmark ?? null },
    ],
    keptBy,
  });
}

/**
 * R9: a plan of the national federation earmarks at least the local minimum (10%) for townships.
 * With an idempotency key a retry returns the plan first created and publishes nothing again.
 */
export async function createPlan(ctx: Context, input: SubsidyPlanInput, rules: FundRules) {
  requireYear(input.year);
  const { org: funder } = await requireBookkeeper(ctx, input.funderId, 'funderId');
  if (input.items.length === 0) throw new BadUserInputError(text('planNeedsRecipient'), 'items');
  const seen = new Set<string>();
  const items = [];
  for (const [i, item] of input.items.entries()) {
    requirePositive(item.amount, `items.${i}.amount`);
    if (seen.has(item.recipientId)) {
      throw new BadUserInputError(text('recipientOnce'), `items.${i}.recipientId`);
    }
    seen.add(item.recipientId);
    await requireRecipient(ctx, funder, item.recipientId, `items.${i}.recipientId`, item.earmark);
    items.push({ recipientId: item.recipientId, amount: item.amount, earmark: item.earmark ?? null });
  }
  const total = items.reduce((a, i) => a + i.amount, 0);
  const earmarked = items.filter((i) => i.earmark).reduce((a, i) => a + i.amount, 0);
  if (!Number.isSafeInteger(total)) throw new BadUserInputError(text('planTooLarge'), 'items');
  if (
    funder.type === 'NATIONAL_FEDERATION' &&
    BigInt(earmarked) * 10_000n < BigInt(total) * BigInt(rules.nationalEarmarkMinBp)
  ) {
    throw new BadUserInputError(
      text('nationalEarmark', { percent: rules.nationalEarmarkMinBp / 100, earmarked, total }),
      'items',
      { requiredBp: rules.nationalEarmarkMinBp },
    );
  }
  const { idempotencyKey, ...request } = input;
  const { doc: plan, created } = await appendOnce(
    ctx.models.SubsidyPlan,
    {
      funderId: funder._id,
      year: input.year,
      items,
      total,
      earmarked,
      orgIds: [funder._id, ...items.map((i) => i.recipientId)],
    } as Omit<SubsidyPlanDoc, '_id'>,
    { callerId: ctx.caller.id, mutation: 'createSubsidyPlan', key: idempotencyKey, input: request },
  );
  if (created) await ctx.publish([{ type: 'SubsidyPlan', id: plan._id, op: 'upsert', version: 1 }]);
  return plan;
}

/** Pays a plan out as one posting, so a plan is either wholly paid or not at all, and only once. */
export async function disbursePlan(ctx: Context, id: string, postedOn: Date) {
  const plan = await ctx.loaders.subsidyPlan.load(id);
  const visible = plan && (await ctx.scope.visible(plan, (p) => p.funderId));
  if (!visible) throw new NotFoundError('SubsidyPlan', id, 'id');
  const { keptBy } = await requireBookkeeper(ctx, visible.funderId, 'id');
  return post(ctx, {
    idempotencyKey: planKey(visible._id),
    kind: 'SUBSIDY',
    bookOrgId: visible.funderId,
    postedOn,
    memo: `${visible.year} 补助计划 Subsidy plan`,
    lines: fundingLines(
      visible.funderId,
      visible.items.map((i) => ({ id: i.recipientId, amount: i.amount, earmark: i.earmark })),
    ),
    keptBy,
  });
}
