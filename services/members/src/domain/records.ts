import {
  appendOnce,
  asDate,
  BadUserInputError,
  ConflictError,
  modifyDocument,
  now,
  today,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { FlexibleWork, MemberChangeAction, MemberChangeDoc, MemberDoc } from '../models';
import { archive, diff, memberEvent } from './archive';
import { type PersonInput, requireDetails } from './person';
import { requireUnionKept, type UnionBasis } from './registration';

export function requireText(value: string | null | undefined, field: string, max = 500): void {
  if (value != null && (!value.trim() || value.length > max)) {
    throw new BadUserInputError(text('textLength', { field, max }), field);
  }
}

/** A calendar date (China's) that is not after today: what kit `today()` lacks. */
export function requirePastDate(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (Number.isNaN(d.getTime()) || asDate(d) > today())
    throw new BadUserInputError(text('notInFuture', { field }), field);
  return d;
}

/** A client's idempotency key for a mutation that appends to the member's archive. */
export interface Idempotency {
  mutation: string;
  key?: string | null;
  input: unknown;
}

/** The member changed between a check and the update the check allowed: refused, to be sent again. */
function changedMeanwhile(memberId: string): ConflictError {
  return new ConflictError(text('changedMeanwhile', { memberId }), { field: 'id', memberId });
}

/**
 * One `$set` (or `$max`) on the member, archived and announced. The update goes through the kit's
 * serialized path and the archive records what it actually changed (read inside the same step).
 * With an idempotency key the archive entry is appended first, once per key: a repeat returns the
 * member as it is and announces nothing again; other input under the key is CONFLICT. `basis` (for
 * a change without a key, whose entry a refusal would leave behind) is what a check of the change
 * read: the update is made only while the member still holds it, else CONFLICT.
 */
export async function changeRecord(
  ctx: Context,
  member: MemberDoc,
  action: MemberChangeAction,
  update: { $set?: Record<string, unknown>; $max?: Record<string, unknown> },
  note?: string | null,
  idempotency?: Idempotency,
  basis?: UnionBasis | null,
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
    const moved =
      basis && Object.entries(basis).some(([k, v]) => (current[k as keyof MemberDoc] ?? null) !== v);
    if (moved) throw changedMeanwhile(member._id);
    return { update, guard: basis ?? undefined };
  });
  if (!updated) {
    if (basis) throw changedMeanwhile(member._id);
    return member;
  }
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

/**
 * Changes the details that may change; name, ID number and union stay as registered. A change of
 * how the member works (§6) or of their employer is checked as at registration (requireUnionKept).
 */
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
  const basis = await requireUnionKept(ctx, member, {
    flexibleWork: input.flexibleWork as FlexibleWork | null | undefined,
    employerCreditCode: set.employerCreditCode as string | null | undefined,
  });
  return changeRecord(ctx, member, 'UPDATED', { $set: set }, null, undefined, basis);
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
