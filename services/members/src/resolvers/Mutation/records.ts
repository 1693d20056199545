import { BadUserInputError } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import { requireWritableMember } from '../../domain/access';
import { archive, diff, memberEvent } from '../../domain/archive';
import { issueCard } from '../../domain/cards';
import { requireDetails } from '../../domain/person';
import { changeStatus } from '../../domain/status';
import type { MemberChangeAction, MemberDoc } from '../../models';

function requireText(value: string | null | undefined, field: string, max = 500): void {
  if (value != null && (!value.trim() || value.length > max)) {
    throw new BadUserInputError(`${field} must be 1–${max} characters`, field);
  }
}

function requirePastDate(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || d > new Date())
    throw new BadUserInputError(`${field} must not be in the future`, field);
  return d;
}

/** One `$set` (or `$max`) on the member, archived and announced. */
async function change(
  ctx: Context,
  member: MemberDoc,
  action: MemberChangeAction,
  update: Record<string, unknown>,
  note?: string | null,
) {
  const updated = await ctx.models.Member.findOneAndUpdate({ _id: member._id }, update, {
    returnDocument: 'after',
  }).lean();
  if (!updated) return member;
  const changes = diff(member, (update.$set ?? update.$max ?? {}) as Record<string, unknown>);
  await archive(ctx, member._id, action, { changes, note });
  await ctx.publish([memberEvent(updated)]);
  return updated;
}

export const records: MutationResolvers = {
  updateMember: async (_p, { id, input }, ctx) => {
    const member = await requireWritableMember(ctx, id, 'id');
    requireDetails(input);
    const set = Object.fromEntries(
      Object.entries({
        ...input,
        mobile: input.mobile?.trim() || (input.mobile === undefined ? undefined : null),
        employerCreditCode:
          input.employerCreditCode?.trim().toUpperCase() ||
          (input.employerCreditCode === undefined ? undefined : null),
      }).filter(([, v]) => v !== undefined),
    );
    return change(ctx, member, 'UPDATED', { $set: set });
  },

  issueMemberCard: async (_p, { memberId }, ctx) => {
    const member = await requireWritableMember(ctx, memberId);
    if (member.status !== 'ACTIVE' && member.status !== 'RETIRED_RETAINED') {
      throw new BadUserInputError(
        `A card is issued to a current member (status ${member.status})`,
        'memberId',
      );
    }
    const org = await ctx.scope.requireOrg(member.organizationId);
    await issueCard(ctx, member, org.divisionCode);
    ctx.loaders.card.clear(member._id);
    return member;
  },

  recordInduction: async (_p, { memberId, heldOn, place }, ctx) => {
    const member = await requireWritableMember(ctx, memberId);
    requireText(place, 'place', 200);
    const induction = { heldOn: requirePastDate(heldOn, 'heldOn'), place: place ?? null };
    return change(ctx, member, 'INDUCTED', { $set: { induction } }, place);
  },

  recordMemberActivity: async (_p, { memberId, on, activity }, ctx) => {
    const member = await requireWritableMember(ctx, memberId);
    requireText(activity, 'activity', 200);
    return change(ctx, member, 'ACTIVITY', { $max: { lastActiveAt: requirePastDate(on, 'on') } }, activity);
  },

  setDuesExemption: async (_p, { memberId, reason }, ctx) => {
    const member = await requireWritableMember(ctx, memberId);
    requireText(reason, 'reason');
    return change(ctx, member, 'DUES_EXEMPTION', { $set: { duesExemptionReason: reason?.trim() ?? null } });
  },

  changeMemberStatus: async (_p, { memberId, status, reason }, ctx) =>
    changeStatus(ctx, await requireWritableMember(ctx, memberId), status, reason),
};
