import {
  appendOnce,
  asDate,
  BadUserInputError,
  modifyDocument,
  now,
  today,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberChangeAction, MemberChangeDoc, MemberDoc } from '../models';
import { archive, diff, memberEvent } from './archive';
import { type PersonInput, requireDetails } from './person';

export function requireText(value: string | null | undefined, field: string, max = 500): void {
  if (value != null && (!value.trim() || value.length > max)) {
    throw new BadUserInputError(`${field} must be 1–${max} characters`, field);
  }
}

/** A calendar date (China's) that is not after today: what kit `today()` lacks. */
export function requirePastDate(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || asDate(d) > today())
    throw new BadUserInputError(`${field} must not be in the future`, field);
  return d;
}

/** A client's idempotency key for a mutation that appends to the member's archive. */
export interface Idempotency {
  mutation: string;
  key?: string | null;
  input: unknown;
}

/**
 * One `$set` (or `$max`) on the member, archived and announced. The update goes through the kit's
 * serialized path and the archive records what it actually changed (read inside the same step).
 * With an idempotency key the archive entry is appended first, once per key: a repeat returns the
 * member as it is and announces nothing again; other input under the key is CONFLICT.
 */
export async function changeRecord(
  ctx: Context,
  member: MemberDoc,
  action: MemberChangeAction,
  update: { $set?: Record<string, unknown>; $max?: Record<string, unknown> },
  note?: string | null,
  idempotency?: Idempotency,
): Promise<MemberDoc> {
  const { Member, MemberChange } = ctx.models;
  let entry: MemberChangeDoc | null = null;
  if (idempotency?.key != null) {
    const appended = await appendOnce(
      MemberChange,
      { memberId: member._id, at: now(), by: ctx.caller.id, action, note: note ?? null, changes: [] },
      { callerId: ctx.caller.id, ...idempotency },
    );
    if (!appended.created) return (await Member.findById(member._id).lean()) ?? member;
    entry = appended.doc;
  }
  let before: MemberDoc = member;
  const updated = await modifyDocument(Member, member._id, (current) => {
    before = current;
    return { update };
  });
  if (!updated) return member;
  const paths = Object.keys({ ...update.$set, ...update.$max }) as (keyof MemberDoc)[];
  const changes = diff(before, Object.fromEntries(paths.map((p) => [p, updated[p] ?? null])));
  if (entry) {
    if (changes.length > 0) await updateDocument(MemberChange, entry._id, { $set: { changes } });
  } else {
    await archive(ctx, member._id, action, { changes, note });
  }
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
  idempotencyKey?: string | null,
): Promise<MemberDoc> {
  requireText(activity, 'activity', 200);
  const lastActiveAt = requirePastDate(on, 'on');
  return changeRecord(ctx, member, 'ACTIVITY', { $max: { lastActiveAt } }, activity, {
    mutation: 'recordMemberActivity',
    key: idempotencyKey,
    input: { memberId: member._id, on: lastActiveAt, activity },
  });
}
