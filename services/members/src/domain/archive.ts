import { maskMobile, maskResidentId } from '@union-graph/domain';
import {
  type ChangeEvent,
  insertIfAbsent,
  memberRef,
  now,
  orgRef,
  uniqueRefs,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { FieldChangeDoc, MemberChangeAction, MemberDoc, TransferDoc } from '../models';

/** Personal fields, masked wherever they are shown to a caller who may not see them. */
export const PERSONAL_FIELDS: Record<string, (v: string) => string> = {
  residentId: maskResidentId,
  mobile: maskMobile,
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
