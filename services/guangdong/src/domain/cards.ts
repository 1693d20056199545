import { randomInt } from 'node:crypto';
import {
  appendOnce,
  BadUserInputError,
  memberRef,
  modifyDocument,
  orgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { BenefitCardDoc } from '../models';

/** 粤工惠 card numbers: `YGH` and 13 digits; the unique index settles the rare clash (CONFLICT). */
export function newCardNumber(): string {
  return `YGH${String(randomInt(10 ** 6, 10 ** 7))}${String(randomInt(0, 10 ** 6)).padStart(6, '0')}`;
}

export interface IssueInput {
  memberId: string;
  organizationId: string;
  idempotencyKey?: string | null;
}

export async function issueCard(ctx: Context, input: IssueInput) {
  const { idempotencyKey, ...request } = input;
  const memberId = request.memberId.trim();
  if (!memberId) throw new BadUserInputError(text('memberIdRequired'), 'memberId');
  await ctx.scope.requireWritableOrg(request.organizationId);
  // The open key refuses a second active card (CONFLICT on memberId); a card-number clash, one in
  // 10^13, is CONFLICT too, and issuing again draws a new number. A repeat under the same
  // idempotency key returns the card it issued, announced once.
  const { doc: card, created } = await appendOnce<BenefitCardDoc>(
    ctx.models.BenefitCard,
    {
      cardNumber: newCardNumber(),
      memberId,
      organizationId: request.organizationId,
      issuedOn: today(),
      status: 'ACTIVE',
      openKey: memberId,
    },
    {
      callerId: ctx.caller.id,
      mutation: 'gdIssueBenefitCard',
      key: idempotencyKey,
      input: request,
      conflict: { message: text('activeCardExists'), field: 'memberId' },
    },
  );
  if (created) await publishCard(ctx, card, 1);
  return card;
}

export async function cancelCard(ctx: Context, id: string) {
  const { doc: card } = await ctx.scope.requireWritable(await ctx.loaders.card.load(id), 'GdBenefitCard', id);
  if (card.status === 'CANCELLED') return card;
  // Decided from the card as it is when the write runs: of concurrent cancels one changes it (and
  // announces it); the card frees its member's open key as it is cancelled.
  let cancelling = false;
  const after = await modifyDocument(ctx.models.BenefitCard, id, (current) => {
    if (current.status !== 'ACTIVE') return null;
    cancelling = true;
    return { update: { $set: { status: 'CANCELLED', openKey: id } }, guard: { status: 'ACTIVE' } };
  });
  if (cancelling && after) await publishCard(ctx, after, 2);
  return after ?? (await ctx.models.BenefitCard.findById(id).lean()) ?? card;
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
