import { randomInt } from 'node:crypto';
import { BadUserInputError, insertUnique, memberRef, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { BenefitCardDoc } from '../models';

/** 粤工惠 card numbers: `YGH` and 13 digits; the unique index settles the rare clash (CONFLICT). */
export function newCardNumber(): string {
  return `YGH${String(randomInt(10 ** 6, 10 ** 7))}${String(randomInt(0, 10 ** 6)).padStart(6, '0')}`;
}

/** Only the last four digits, like a bank card, unless the caller may see personal data. */
export function shownCardNumber(card: BenefitCardDoc, ctx: Context): string {
  if (ctx.scope.canSeePersonalData) return card.cardNumber;
  return `YGH${'*'.repeat(card.cardNumber.length - 7)}${card.cardNumber.slice(-4)}`;
}

/** Today in China time, as a calendar date. */
export function chinaToday(): Date {
  return new Date(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
}

export async function issueCard(ctx: Context, input: { memberId: string; organizationId: string }) {
  const memberId = input.memberId.trim();
  if (!memberId) throw new BadUserInputError('memberId is required', 'memberId');
  await ctx.scope.requireWritableOrg(input.organizationId);
  // The open key refuses a second active card (CONFLICT on memberId); a card-number clash, one in
  // 10^13, is CONFLICT too, and issuing again draws a new number.
  const card = await insertUnique<BenefitCardDoc>(
    ctx.models.BenefitCard,
    {
      cardNumber: newCardNumber(),
      memberId,
      organizationId: input.organizationId,
      issuedOn: chinaToday(),
      status: 'ACTIVE',
      openKey: memberId,
    },
    { message: 'the member already has an active 粤工惠 card', field: 'memberId' },
  );
  await publishCard(ctx, card, 1);
  return card;
}

export async function cancelCard(ctx: Context, id: string) {
  const { doc: card } = await ctx.scope.requireWritable(await ctx.loaders.card.load(id), 'GdBenefitCard', id);
  if (card.status === 'CANCELLED') return card;
  // One document, one update: the card frees its member's open key as it is cancelled.
  const cancelled = await ctx.models.BenefitCard.findOneAndUpdate(
    { _id: id, status: 'ACTIVE' },
    { $set: { status: 'CANCELLED', openKey: id } },
    { returnDocument: 'after' },
  ).lean();
  if (cancelled) await publishCard(ctx, cancelled, 2);
  return cancelled ?? card;
}

function publishCard(ctx: Context, card: BenefitCardDoc, version: number) {
  // The member's `gdBenefitCard` and the issuing union's `gdActiveCardCount`.
  return ctx.publish([
    {
      type: 'GdBenefitCard',
      id: card._id,
      op: 'upsert',
      version,
      affects: [memberRef(card.memberId), orgRef(card.organizationId)],
    },
  ]);
}
