import {
  type ChangeEvent,
  insertIfAbsent,
  memberRef,
  now,
  orgRef,
  type PersonalKind,
  uniqueRefs,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { FieldChangeDoc, MemberChangeAction, MemberDoc, TransferDoc } from '../models';

/**
 * The personal-data kind of each member field an archived change may name (as on `Member` in the
 * schema); a change of a field not listed is NONE.
 */
export const ARCHIVED_KINDS: Record<string, PersonalKind> = {
  name: 'NAME',
  residentId: 'RESIDENT_ID',
  gender: 'GENDER',
  birthDate: 'BIRTH_DATE',
  ethnicity: 'ETHNICITY',
  mobile: 'PHONE',
  education: 'EDUCATION',
  employerCreditCode: 'EMPLOYER',
  duesExemptionReason: 'CIRCUMSTANCES',
};

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  return v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
}

/** The fields of `next` whose values differ from `prev`. */
export function diff(prev: Partial<MemberDoc>, next: Record<string, unknown>): FieldChangeDoc[] {
  return Object.entries(next)
    .filter(([k, v]) => v !== undefined && text(v) !== text(prev[k as keyof MemberDoc]))
    .map(([field, v]) => ({ field, from: text(prev[field as keyof MemberDoc]), to: text(v) }));
}

/** Appends to a member's archive: who, when, what. A given `_id` makes it idempotent. */
export async function archive(
  ctx: Pick<Context, 'models' | 'caller'>,
  memberId: string,
  action: MemberChangeAction,
  { changes = [], note = null, id }: { changes?: FieldChangeDoc[]; note?: string | null; id?: string } = {},
): Promise<void> {
  const doc = {
    memberId,
    at: now(),
    by: ctx.caller.id,
    action,
    note,
    changes,
    ...(id ? { _id: id } : {}),
  };
  await insertIfAbsent(ctx.models.MemberChange, doc);
}

export function memberEvent(doc: MemberDoc): ChangeEvent {
  return {
    type: 'Member',
    id: doc._id,
    op: 'upsert',
    // Event versions order changes: the real clock, as mongoose's `updatedAt`, never a test's fixed one.
    version: doc.updatedAt?.getTime() ?? Date.now(),
    data: { organizationId: doc.organizationId, status: doc.status },
    // The union's counts and `members` list derive from its members.
    affects: [orgRef(doc.organizationId)],
  };
}

export function transferEvent(doc: TransferDoc): ChangeEvent {
  return {
    type: 'MemberTransfer',
    id: doc._id,
    op: 'upsert',
    version: Date.now(),
    data: {
      memberId: doc.memberId,
      fromOrganizationId: doc.fromOrganizationId,
      toOrganizationId: doc.toOrganizationId,
      closed: Boolean(doc.closedAt),
    },
    // The member's `transfers`, and both unions' counts and lists while the member moves.
    affects: uniqueRefs([
      memberRef(doc.memberId),
      orgRef(doc.fromOrganizationId),
      orgRef(doc.toOrganizationId),
    ]),
  };
}
