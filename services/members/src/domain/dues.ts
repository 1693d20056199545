import type { ChangeEvent } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberDoc, Models } from '../models';
import { changeRecord, requireText } from './records';

/**
 * R16 (union charter): a member who pays no dues and takes no part for six months without reason
 * is treated as withdrawn; retirees keep their membership without dues (their status is
 * RETIRED_RETAINED, so the review never lists them).
 */
export const R16_INACTIVE_MONTHS = 6;

export function reviewCutoff(today = new Date()): Date {
  return new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - R16_INACTIVE_MONTHS, today.getUTCDate()),
  );
}

/** Members due for review: active, joined before the cutoff, no dues and no activity since, no reason recorded. */
export function duesReviewFilter(today = new Date()): Record<string, unknown> {
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
 * handles events in order, so these read-modify-writes have no concurrent writer.
 */
export async function applyDuesEvents(events: ChangeEvent[], models: Models): Promise<void> {
  const dues = events.filter((e) => e.type === 'DuesPayment');
  const payments = dues
    .filter((e) => e.op === 'upsert')
    .map((e) => ({ id: e.id, data: e.data as DuesPaymentEvent }))
    .filter(({ data }) => data && typeof data.memberId === 'string' && PERIOD.test(data.period));
  if (payments.length > 0) {
    await models.DuesPayment.bulkWrite(
      payments.map(({ id, data }) => ({
        updateOne: {
          filter: { _id: id },
          update: {
            $setOnInsert: {
              memberId: data.memberId,
              organizationId: data.organizationId,
              period: data.period,
              amount: data.amount,
              paidAt: new Date(data.paidAt),
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    await models.Member.bulkWrite(
      payments.map(({ data }) => ({
        updateOne: {
          filter: { _id: data.memberId },
          update: { $max: { lastDuesPaidAt: new Date(data.paidAt) } },
        },
      })),
      { ordered: true },
    );
  }
  for (const e of dues.filter((d) => d.op === 'delete')) await reverse(models, e.id);
}

async function reverse(models: Models, paymentId: string): Promise<void> {
  const payment = await models.DuesPayment.findByIdAndDelete(paymentId).lean();
  if (!payment) return;
  const latest = await models.DuesPayment.findOne({ memberId: payment.memberId }).sort({ paidAt: -1 }).lean();
  await models.Member.updateOne(
    { _id: payment.memberId },
    { $set: { lastDuesPaidAt: latest?.paidAt ?? null } },
  );
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
