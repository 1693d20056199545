import { BadUserInputError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberChangeAction, MemberDoc } from '../models';
import { archive, diff, memberEvent } from './archive';
import { type PersonInput, requireDetails } from './person';

export function requireText(value: string | null | undefined, field: string, max = 500): void {
  if (value != null && (!value.trim() || value.length > max)) {
    throw new BadUserInputError(`${field} must be 1–${max} characters`, field);
  }
}

export function requirePastDate(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || d > new Date())
    throw new BadUserInputError(`${field} must not be in the future`, field);
  return d;
}

/** One `$set` (or `$max`) on the member, archived and announced. */
export async function changeRecord(
  ctx: Context,
  member: MemberDoc,
  action: MemberChangeAction,
  update: Record<string, unknown>,
  note?: string | null,
): Promise<MemberDoc> {
  const updated = await ctx.models.Member.findOneAndUpdate({ _id: member._id }, update, {
    returnDocument: 'after',
  }).lean();
  if (!updated) return member;
  const changes = diff(member, (update.$set ?? update.$max ?? {}) as Record<string, unknown>);
  await archive(ctx, member._id, action, { changes, note });
  await ctx.publish([memberEvent(updated)]);
  return updated;
}

/** Changes the details that may change; name, ID number and union stay as registered. */
export async function updateDetails(
  ctx: Context,
  member: MemberDoc,
  input: Omit<PersonInput, 'name' | 'residentId' | 'gender' | 'joinedAt'>,
): Promise<MemberDoc> {
  requireDetails(input);
  const set = Object.fromEntries(
    Object.entries({
      ...input,
      // An empty value clears the field; an absent one leaves it.
      mobile: input.mobile?.trim() || (input.mobile === undefined ? undefined : null),
      employerCreditCode:
        input.employerCreditCode?.trim().toUpperCase() ||
        (input.employerCreditCode === undefined ? undefined : null),
    }).filter(([, v]) => v !== undefined),
  );
  return changeRecord(ctx, member, 'UPDATED', { $set: set });
}

/** `$max`: recording an older activity never moves the last one back (R16 reads it). */
export async function recordActivity(
  ctx: Context,
  member: MemberDoc,
  on: Date | string,
  activity: string,
): Promise<MemberDoc> {
  requireText(activity, 'activity', 200);
  return changeRecord(
    ctx,
    member,
    'ACTIVITY',
    { $max: { lastActiveAt: requirePastDate(on, 'on') } },
    activity,
  );
}
