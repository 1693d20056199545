import { appendOnce, ConflictError, isDuplicateKey, NotFoundError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { MemberChangeAction, MemberDoc } from '../models';
import { derivedFields } from '../models';
import { archive, memberEvent } from './archive';
import { type Person, type PersonInput, requirePerson } from './person';
import { requireEmployerAtUnion, requireReceivingUnion } from './units';

/**
 * One person, one membership: CONFLICT naming the union that holds the membership, when the caller
 * may see it (otherwise only that another union holds it).
 */
export async function membershipConflict(ctx: Context, holder: Pick<MemberDoc, 'organizationId'>) {
  const org = await ctx.scope.orgs.load(holder.organizationId);
  const visible = org && ctx.scope.contains(org);
  return new ConflictError(visible ? text('memberOf', { union: org.name }) : text('memberElsewhere'), {
    field: 'residentId',
    ...(visible ? { organizationId: org._id, organizationName: org.name } : {}),
  });
}

export async function requireNoMembership(ctx: Context, residentId: string): Promise<void> {
  const holder = await ctx.models.Member.findOne({ activeKey: residentId }, { organizationId: 1 }).lean();
  if (holder) throw await membershipConflict(ctx, holder);
}

/**
 * Registers a person in a union: one insert, refused atomically by the unique membership key when
 * someone else registered the same person first. `id` lets an approval retry find its own member;
 * with an idempotency key a repeat returns the first registration and announces nothing again.
 */
export async function registerPerson(
  ctx: Context,
  person: Person,
  organizationId: string,
  {
    action = 'REGISTERED',
    id,
    idempotency,
  }: { action?: MemberChangeAction; id?: string; idempotency?: { key?: string | null; input: unknown } } = {},
): Promise<MemberDoc> {
  const details: Person = {
    name: person.name,
    gender: person.gender,
    ethnicity: person.ethnicity,
    residentId: person.residentId,
    mobile: person.mobile,
    education: person.education,
    employerCreditCode: person.employerCreditCode,
    migrantWorker: person.migrantWorker,
    flexibleWork: person.flexibleWork ?? null,
    joinedAt: person.joinedAt,
  };
  let created: MemberDoc;
  try {
    const appended = await appendOnce(
      ctx.models.Member,
      {
        ...details,
        organizationId,
        status: 'ACTIVE',
        // ACTIVE holds the membership: the key is the resident ID whatever the record's id.
        ...derivedFields({ _id: '', residentId: details.residentId, status: 'ACTIVE' }),
      },
      {
        callerId: ctx.caller.id,
        mutation: 'registerMember',
        key: idempotency?.key,
        input: idempotency?.input ?? null,
        ...(id ? { id } : {}),
      },
    );
    if (!appended.created) return appended.doc;
    created = appended.doc;
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    // The unique index decided: this request's own earlier member (an approval retried), or
    // someone else's membership of the person.
    const existing = id ? await ctx.models.Member.findById(id).lean() : null;
    if (existing) return existing;
    await requireNoMembership(ctx, details.residentId);
    throw e;
  }
  await archive(ctx, created._id, action);
  await ctx.publish([memberEvent(created)]);
  return created;
}

/** Direct registration by a union office (within its scope) at a union members may join. */
export async function registerMember(
  ctx: Context,
  input: PersonInput & { organizationId: string; idempotencyKey?: string | null },
): Promise<MemberDoc> {
  const { idempotencyKey: key, ...request } = input;
  const person = requirePerson(request);
  await ctx.scope.requireWritableOrg(input.organizationId, 'input.organizationId');
  await requireReceivingUnion(ctx, input.organizationId, person, {
    union: 'input.organizationId',
    employer: 'input.employerCreditCode',
  });
  return registerPerson(ctx, person, input.organizationId, { idempotency: { key, input: request } });
}

/** What a check of a member's union relied on: an update is made only while the member still holds it. */
export type UnionBasis = Pick<MemberDoc, 'organizationId' | 'flexibleWork' | 'employerCreditCode'>;

/**
 * An administrator's change of how a member works (§6) or of their employer (§8, R12) keeps the
 * member one registration would take at their union: becoming or ceasing to be a flexible worker is
 * checked as registering anew there (a regional, sectoral or township federation keeps flexible
 * workers only; a worker with a fixed employer is at that employer's union); a new employer of a
 * worker with a fixed employer is checked by R12 alone (the union took the member already). A change
 * of kind between flexible forms, or a cleared employer, leaves the union's reasons as they were.
 * Returns what the check relied on, or null when nothing needed checking.
 */
export async function requireUnionKept(
  ctx: Context,
  member: MemberDoc,
  change: Partial<Pick<MemberDoc, 'flexibleWork' | 'employerCreditCode'>>,
): Promise<UnionBasis | null> {
  const held: UnionBasis = {
    organizationId: member.organizationId,
    flexibleWork: member.flexibleWork ?? null,
    employerCreditCode: member.employerCreditCode ?? null,
  };
  const next = {
    flexibleWork: change.flexibleWork === undefined ? held.flexibleWork : change.flexibleWork,
    employerCreditCode:
      change.employerCreditCode === undefined ? held.employerCreditCode : change.employerCreditCode,
  };
  const employerField =
    change.employerCreditCode === undefined ? 'input.flexibleWork' : 'input.employerCreditCode';
  if (Boolean(next.flexibleWork) !== Boolean(held.flexibleWork)) {
    await requireReceivingUnion(ctx, member.organizationId, next, {
      union: 'input.flexibleWork',
      employer: employerField,
    });
    return held;
  }
  if (next.flexibleWork || !next.employerCreditCode || next.employerCreditCode === held.employerCreditCode)
    return null;
  const union = await ctx.scope.orgs.load(member.organizationId);
  if (!union) throw new NotFoundError('Organization', member.organizationId, 'id');
  await requireEmployerAtUnion(ctx, union, next.employerCreditCode, employerField);
  return held;
}
