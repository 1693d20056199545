import {
  addYears,
  appendOnce,
  asDate,
  BadUserInputError,
  type ConnectionArgs,
  connectionFromArray,
  orgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { QueryStandingDelegatesArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { DelegateContactDoc, MembersMeetingDoc, StandingDelegateDoc } from '../models';
import { type StructureRules, structureRules } from '../rules';
import { TERM_YEARS } from './committees';
import { dueOn, filterOverdue, isOverdue } from './intervals';
import { publishRecord } from './org-events';
import { allOf } from './org-filter';
import { requireOpen, writableOrganization } from './organizations';
import { type Keyed, requirePast, requireText } from './records';

const meetingRef = (id: string) => ({ type: 'MembersMeeting', id });
const delegateRef = (id: string) => ({ type: 'StandingDelegate', id });

/** Charter: an assembly or congress elects only with at least two thirds of those entitled present. */
export function isQuorate(m: Pick<MembersMeetingDoc, 'eligible' | 'present'>): boolean {
  return m.present * 3 >= m.eligible * 2;
}

export interface MembersMeetingInput {
  organizationId: string;
  kind: MembersMeetingDoc['kind'];
  session: string;
  heldOn: Date | string;
  eligible: number;
  present: number;
  /** One per line. */
  resolutions?: string | null;
}

/** §18: a session of the union's members' assembly or congress, with attendance and resolutions. */
export async function recordMembersMeeting(
  ctx: Context,
  { idempotencyKey, ...input }: MembersMeetingInput & Keyed,
): Promise<MembersMeetingDoc> {
  const org = await writableOrganization(ctx, input.organizationId, 'input.organizationId');
  requireOpen(org, 'input.organizationId');
  const heldOn = asDate(input.heldOn);
  requirePast(heldOn, 'input.heldOn');
  if (!Number.isInteger(input.eligible) || input.eligible < 1) {
    throw new BadUserInputError(text('eligible'), 'input.eligible');
  }
  if (!Number.isInteger(input.present) || input.present < 0 || input.present > input.eligible) {
    throw new BadUserInputError(text('present'), 'input.present');
  }
  const { doc, created } = await appendOnce<MembersMeetingDoc>(
    ctx.models.MembersMeeting,
    {
      organizationId: org._id,
      kind: input.kind,
      session: requireText(input.session, 'input.session'),
      heldOn,
      eligible: input.eligible,
      present: input.present,
      resolutions: (input.resolutions ?? '')
        .split(/\r?\n/)
        .map((r) => r.trim())
        .filter(Boolean),
      recordedBy: ctx.caller.id,
    },
    {
      callerId: ctx.caller.id,
      mutation: 'recordMembersMeeting',
      key: idempotencyKey,
      input,
      conflict: { message: text('meetingRecorded'), field: 'input.heldOn' },
    },
  );
  if (created) await publishRecord(ctx, 'MembersMeeting', doc, [orgRef(org._id)]);
  return doc;
}

export interface StandingDelegateInput {
  meetingId: string;
  memberId: string;
  termYears: number;
}

/** §18 standing delegates: elected by a quorate session of their union, for the committee's term (R15). */
export async function recordStandingDelegate(
  ctx: Context,
  { idempotencyKey, ...input }: StandingDelegateInput & Keyed,
): Promise<StandingDelegateDoc> {
  const { doc: meeting } = await ctx.scope.requireWritable(
    await ctx.loaders.meeting.load(input.meetingId),
    'MembersMeeting',
    input.meetingId,
    'input.meetingId',
  );
  if (!TERM_YEARS.includes(input.termYears)) {
    throw new BadUserInputError(text('delegateTerm'), 'input.termYears');
  }
  if (!isQuorate(meeting)) {
    throw new BadUserInputError(text('notQuorate'), 'input.meetingId');
  }
  const { doc, created } = await appendOnce<StandingDelegateDoc>(
    ctx.models.StandingDelegate,
    {
      organizationId: meeting.organizationId,
      memberId: requireText(input.memberId, 'input.memberId'),
      electedAtId: meeting._id,
      termStart: meeting.heldOn,
      termYears: input.termYears,
      recordedBy: ctx.caller.id,
    },
    {
      callerId: ctx.caller.id,
      mutation: 'recordStandingDelegate',
      key: idempotencyKey,
      input,
      conflict: {
        message: text('alreadyDelegate'),
        field: 'input.memberId',
      },
    },
  );
  if (created) {
    await publishRecord(ctx, 'StandingDelegate', doc, [orgRef(doc.organizationId), meetingRef(meeting._id)]);
  }
  return doc;
}

export function delegateTermEnd(d: Pick<StandingDelegateDoc, 'termStart' | 'termYears'>): Date {
  return addYears(d.termStart, d.termYears);
}

export function isServing(d: Pick<StandingDelegateDoc, 'termStart' | 'termYears'>, on = today()): boolean {
  return d.termStart <= on && on < delegateTermEnd(d);
}

/** §17: the next contact is due an interval after the last one (contacts: newest first), or after election. */
export function contactDueOn(
  d: StandingDelegateDoc,
  contacts: readonly DelegateContactDoc[],
  rules: StructureRules = structureRules,
): Date {
  return dueOn(contacts[0]?.contactedOn, d.termStart, rules.delegateContactMonths);
}

export function contactOverdue(
  d: StandingDelegateDoc,
  contacts: readonly DelegateContactDoc[],
  on = today(),
  rules: StructureRules = structureRules,
): boolean {
  return isServing(d, on) && isOverdue(contactDueOn(d, contacts, rules), on);
}

export interface DelegateContactInput {
  delegateId: string;
  contactedOn: Date | string;
  method: DelegateContactDoc['method'];
  membersReached: number;
  summary?: string | null;
}

/** §17: a standing delegate's contact with members, within the term. */
export async function recordDelegateContact(
  ctx: Context,
  { idempotencyKey, ...input }: DelegateContactInput & Keyed,
): Promise<DelegateContactDoc> {
  const { doc: delegate } = await ctx.scope.requireWritable(
    await ctx.loaders.delegate.load(input.delegateId),
    'StandingDelegate',
    input.delegateId,
    'input.delegateId',
  );
  const contactedOn = asDate(input.contactedOn);
  requirePast(contactedOn, 'input.contactedOn');
  if (contactedOn < delegate.termStart || contactedOn >= delegateTermEnd(delegate)) {
    throw new BadUserInputError(text('contactOutsideTerm'), 'input.contactedOn');
  }
  if (!Number.isInteger(input.membersReached) || input.membersReached < 1) {
    throw new BadUserInputError(text('membersReached'), 'input.membersReached');
  }
  const { doc, created } = await appendOnce<DelegateContactDoc>(
    ctx.models.DelegateContact,
    {
      delegateId: delegate._id,
      organizationId: delegate.organizationId,
      contactedOn,
      method: input.method,
      membersReached: input.membersReached,
      summary: input.summary?.trim() || null,
      recordedBy: ctx.caller.id,
    },
    { callerId: ctx.caller.id, mutation: 'recordDelegateContact', key: idempotencyKey, input },
  );
  if (created) {
    await publishRecord(ctx, 'DelegateContact', doc, [orgRef(doc.organizationId), delegateRef(delegate._id)]);
  }
  return doc;
}

/** Standing delegates the caller may see, filtered; the contact duty computed from one batch of contacts. */
export async function listDelegates(
  ctx: Context,
  filter: Omit<QueryStandingDelegatesArgs, 'first' | 'after'>,
  page: ConnectionArgs,
) {
  const conditions: Record<string, unknown>[] = [await ctx.scope.orgFilter('organizationId')];
  if (filter.organizationId) conditions.push({ organizationId: filter.organizationId });
  if (filter.subtreeOf) conditions.push(await ctx.scope.subtreeFilter(filter.subtreeOf, 'subtreeOf'));
  const found = await ctx.models.StandingDelegate.find(allOf(conditions))
    .sort({ termStart: -1, _id: 1 })
    .lean<StandingDelegateDoc[]>();
  const serving = filter.current == null ? found : found.filter((d) => isServing(d) === filter.current);
  const delegates = await filterOverdue(
    serving,
    filter.contactOverdue,
    (ids) => ctx.loaders.contactsOfDelegate.loadMany(ids),
    (d, contacts) => contactOverdue(d, contacts),
  );
  return connectionFromArray(delegates, page);
}
