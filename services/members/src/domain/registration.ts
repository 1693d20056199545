import { appendOnce, ConflictError, isDuplicateKey } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberChangeAction, MemberDoc } from '../models';
import { derivedFields } from '../models';
import { archive, memberEvent } from './archive';
import { requireJoinableOrg } from './organizations';
import { type Person, type PersonInput, requirePerson } from './person';

/**
 * One person, one membership: CONFLICT naming the union that holds the membership, when the caller
 * may see it (otherwise only that another union holds it).
 */
export async function membershipConflict(ctx: Context, holder: Pick<MemberDoc, 'organizationId'>) {
  const org = await ctx.scope.orgs.load(holder.organizationId);
  const visible = org && ctx.scope.contains(org);
  return new ConflictError(
    visible
      ? `This person is already a member of ${org.name}`
      : 'This person is already a member of another union outside your scope',
    { field: 'residentId', ...(visible ? { organizationId: org._id, organizationName: org.name } : {}) },
  );
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
  await requireJoinableOrg(ctx.scope, input.organizationId, 'input.organizationId');
  return registerPerson(ctx, person, input.organizationId, { idempotency: { key, input: request } });
}
