import {
  addMonths,
  type ChangeEvent,
  today as chinaToday,
  insertIfAbsent,
  updateDocument,
  updateEach,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberDoc, Models } from '../models';
import { changeRecord, requireText } from './records';

/**
 * R16 (union charter): a member who pays no dues and takes no part for six months without reason
 * is treated as withdrawn; retirees keep their membership without dues (their status is
 * RETIRED_RETAINED, so the review never lists them).
 */
export const R16_INACTIVE_MONTHS = 6;

/** Six calendar months before today (China's date), clamped to the month's end as the kit does. */
export function reviewCutoff(today = chinaToday()): Date {
  return addMonths(today, -R16_INACTIVE_MONTHS);
}

/** Members due for review: active, joined before the cutoff, no dues and no activity since, no reason recorded. */
export function duesReviewFilter(today = chinaToday()): Record<string, unknown> {
  const cutoff = reviewCutoff(today);
  return {
    status: 'ACTIVE',
    joinedAt: { $lt: cutoff },
    lastDuesPaidAt: { $not: { $gte: cutoff } },
    lastActiveAt: { $not: { $gte: cutoff } },
    duesExemptionReason: null,
  };
}

/** What funds publishes on its stream when a member's dues are paid. */
export interface DuesPaymentEvent {
  memberId: string;
  organizationId: string;
  period: string;
  amount: number;
  paidAt: string;
}

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Applies `DuesPayment` events from funds: the payment is kept under the event id (replays change
 * nothing) and the member's last payment only ever moves forward; a reversed payment (a delete)
 * is dropped and the member's last payment recomputed from what remains. The one consumer group
 * handles events in order, so these read-modify-writes have no concurrent writer. Returns the dues
 * events, whose members' answers changed.
 */
export async function applyDuesEvents(events: ChangeEvent[], models: Models): Promise<ChangeEvent[]> {
  const dues = events.filter((e) => e.type === 'DuesPayment');
  const payments = dues
    .filter((e) => e.op === 'upsert')
    .map((e) => ({ id: e.id, data: e.data as DuesPaymentEvent }))
    .filter(({ data }) => data && typeof data.memberId === 'string' && PERIOD.test(data.period));
  // Each payment is appended under the event id (a replay inserts nothing), then each member's
  // last payment moves forward through the member's serialized update, one member at a time.
  const latest = new Map<string, Date>();
  for (const { id, data } of payments) {
    const paidAt = new Date(data.paidAt);
    await insertIfAbsent(models.DuesPayment, {
      _id: id,
      memberId: data.memberId,
      organizationId: data.organizationId,
      period: data.period,
      amount: data.amount,
      paidAt,
    });
    const known = latest.get(data.memberId);
    if (!known || paidAt > known) latest.set(data.memberId, paidAt);
  }
  await updateEach(models.Member, [...latest.keys()], (memberId) => ({
    $max: { lastDuesPaidAt: latest.get(String(memberId)) },
  }));
  for (const e of dues.filter((d) => d.op === 'delete')) await reverse(models, e.id);
  return dues;
}

async function reverse(models: Models, paymentId: string): Promise<void> {
  const payment = await models.DuesPayment.findByIdAndDelete(paymentId).lean();
  if (!payment) return;
  const latest = await models.DuesPayment.findOne({ memberId: payment.memberId }).sort({ paidAt: -1 }).lean();
  await updateDocument(models.Member, payment.memberId, { $set: { lastDuesPaidAt: latest?.paidAt ?? null } });
}

/** A recorded reason keeps the member off the R16 review list; null clears it. */
export async function setDuesExemption(
  ctx: Context,
  member: MemberDoc,
  reason: string | null | undefined,
): Promise<MemberDoc> {
  requireText(reason, 'reason');
  return changeRecord(ctx, member, 'DUES_EXEMPTION', {
    $set: { duesExemptionReason: reason?.trim() ?? null },
  });
}
