import { BadUserInputError, ConflictError, isDuplicateKey, modifyDocument } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import { activeKeyOf, type MemberDoc, type MemberStatus } from '../models';
import { archive, memberEvent } from './archive';
import { duesReviewFilter } from './dues';
import { membershipConflict } from './registration';

/** Which status a member may be moved to by hand, from which. TRANSFERRING belongs to transfers. */
const TRANSITIONS: Partial<Record<MemberStatus, MemberStatus[]>> = {
  RETIRED_RETAINED: ['ACTIVE'],
  WITHDRAWN: ['ACTIVE', 'RETIRED_RETAINED'],
  AUTO_WITHDRAWN: ['ACTIVE'],
  ACTIVE: ['RETIRED_RETAINED', 'WITHDRAWN', 'AUTO_WITHDRAWN'],
};

/**
 * Retires, withdraws, reinstates or auto-withdraws (R16: only members on the review list). One
 * serialized write conditioned on the status read, with the membership key moved along: reinstating someone
 * who has since joined another union is a CONFLICT.
 */
export async function changeStatus(ctx: Context, member: MemberDoc, status: MemberStatus, reason: string) {
  if (!reason.trim() || reason.length > 500) {
    throw new BadUserInputError(text('statusReason'), 'reason');
  }
  if (member.status === 'TRANSFERRING') {
    throw new ConflictError(text('openTransferFirst'), { field: 'memberId' });
  }
  if (!TRANSITIONS[status]?.includes(member.status)) {
    throw new BadUserInputError(text('statusTransition', { from: member.status, to: status }), 'status');
  }
  if (status === 'AUTO_WITHDRAWN') {
    const due = await ctx.models.Member.countDocuments({ _id: member._id, ...duesReviewFilter() });
    if (due === 0) {
      throw new BadUserInputError(text('notDueForWithdrawal'), 'status');
    }
  }
  let updated: MemberDoc | null;
  try {
    // Decided on the member as it is now, in the member's serialized write: a status changed since
    // it was read is a CONFLICT; R16's conditions stay part of the write (the guard).
    updated = await modifyDocument(ctx.models.Member, member._id, (current) => {
      if (current.status !== member.status) {
        throw new ConflictError(text('memberChanged'), { field: 'memberId' });
      }
      return {
        update: { $set: { status, activeKey: activeKeyOf(current, status) } },
        guard: { status: current.status, ...(status === 'AUTO_WITHDRAWN' ? duesReviewFilter() : {}) },
      };
    });
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const holder = await ctx.models.Member.findOne({ activeKey: member.residentId }).lean();
    throw holder ? await membershipConflict(ctx, holder) : e;
  }
  if (!updated || updated.status !== status)
    throw new ConflictError(text('memberChanged'), { field: 'memberId' });
  await archive(ctx, member._id, 'STATUS_CHANGED', {
    note: reason,
    changes: [{ field: 'status', from: member.status, to: status }],
  });
  await ctx.publish([memberEvent(updated)]);
  return updated;
}
