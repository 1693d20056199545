import { BadUserInputError, isDuplicateKey, now, today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { MemberCardDoc, MemberDoc } from '../models';
import { archive } from './archive';
import { changeRecord, requirePastDate, requireText } from './records';

/**
 * 会员证号 Member card numbers: the issuing union's 6-digit division code, the 4-digit year, a
 * 6-digit serial within that division and year, and an ISO 7064 MOD 11-2 check character (as on
 * resident ID cards), e.g. `110105 2026 000012 7`.
 */
const CARD_NUMBER = /^(\d{6})(\d{4})(\d{6})([\dX])$/;

export function mod11_2(digits: string): string {
  let p = 0;
  for (const c of digits) p = ((p + Number(c)) * 2) % 11;
  const check = (12 - p) % 11;
  return check === 10 ? 'X' : String(check);
}

export function cardNumber(divisionCode: string, year: number, serial: number): string {
  const body = `${divisionCode}${year}${String(serial).padStart(6, '0')}`;
  return body + mod11_2(body);
}

export function cardNumberProblem(n: string): string | null {
  const m = CARD_NUMBER.exec(n);
  if (!m) return 'must be 16 digits followed by a check digit or X';
  return mod11_2(n.slice(0, 16)) === m[4] ? null : 'has a wrong check character';
}

/** Serials are claimed by inserting the card under its number: a taken number just moves on. */
const MAX_SERIAL_ATTEMPTS = 50;

/**
 * Issues the member's card, or returns the one already issued (one card per member for life, kept
 * across transfers): retrying after a lost reply never issues a second.
 */
export async function issueCard(
  ctx: Context,
  member: MemberDoc,
  divisionCode: string,
): Promise<MemberCardDoc> {
  const { MemberCard } = ctx.models;
  const existing = await MemberCard.findOne({ memberId: member._id }).lean();
  if (existing) return existing;
  const issuedAt = now();
  // The card's year is China's: a card issued at 00:30 on 1 January in Beijing carries the new year.
  const year = today(issuedAt).getUTCFullYear();
  const prefix = `${divisionCode}${year}`;
  let serial = (await MemberCard.countDocuments({ _id: { $regex: `^${prefix}` } })) + 1;
  for (let attempt = 0; attempt < MAX_SERIAL_ATTEMPTS; attempt++, serial++) {
    const card: MemberCardDoc = {
      _id: cardNumber(divisionCode, year, serial),
      memberId: member._id,
      organizationId: member.organizationId,
      issuedAt,
      issuedBy: ctx.caller.id,
    };
    try {
      await MemberCard.create(card);
      await archive(ctx, member._id, 'CARD_ISSUED', {
        changes: [{ field: 'card', from: null, to: card._id }],
      });
      return card;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const mine = await MemberCard.findOne({ memberId: member._id }).lean();
      if (mine) return mine;
    }
  }
  throw new Error(`no free card serial after ${MAX_SERIAL_ATTEMPTS} attempts for ${prefix}`);
}

/** A card goes to a current member only, numbered by the division of the member's union. */
export async function issueMemberCard(ctx: Context, member: MemberDoc): Promise<MemberDoc> {
  if (member.status !== 'ACTIVE' && member.status !== 'RETIRED_RETAINED') {
    throw new BadUserInputError(text('cardNotCurrent', { status: member.status }), 'memberId');
  }
  const org = await ctx.scope.requireOrg(member.organizationId);
  await issueCard(ctx, member, org.divisionCode);
  ctx.loaders.card.clear(member._id);
  return member;
}

export async function recordInduction(
  ctx: Context,
  member: MemberDoc,
  heldOn: Date | string,
  place: string | null | undefined,
  idempotencyKey?: string | null,
): Promise<MemberDoc> {
  requireText(place, 'place', 200);
  const induction = { heldOn: requirePastDate(heldOn, 'heldOn'), place: place ?? null };
  return changeRecord(ctx, member, 'INDUCTED', { $set: { induction } }, place, {
    mutation: 'recordInduction',
    key: idempotencyKey,
    input: { memberId: member._id, ...induction },
  });
}
