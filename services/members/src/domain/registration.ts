import { ConflictError, isDuplicateKey } from '@union-graph/subgraph-kit';
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
 * someone else registered the same person first. `id` lets an approval retry find its own member.
 */
export async function registerPerson(
  ctx: Context,
  person: Person,
  organizationId: string,
  { action = 'REGISTERED', id }: { action?: MemberChangeAction; id?: string } = {},
): Promise<MemberDoc> {
  await requireNoMembership(ctx, person.residentId);
  let created: MemberDoc;
  try {
    const doc = new ctx.models.Member({
      ...person,
      organizationId,
      status: 'ACTIVE',
      ...(id ? { _id: id } : {}),
    });
    Object.assign(doc, derivedFields(doc));
    created = (await doc.save()).toObject();
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    const existing = id ? await ctx.models.Member.findById(id).lean() : null;
    if (existing) return existing;
    await requireNoMembership(ctx, person.residentId);
    throw e;
  }
  await archive(ctx, created._id, action);
  await ctx.publish([memberEvent(created)]);
  return created;
}

/** Direct registration by a union office (within its scope) at a union members may join. */
export async function registerMember(
  ctx: Context,
  input: PersonInput & { organizationId: string },
): Promise<MemberDoc> {
  const person = requirePerson(input);
  await ctx.scope.requireWritableOrg(input.organizationId, 'input.organizationId');
  await requireJoinableOrg(ctx.scope, input.organizationId, 'input.organizationId');
  return registerPerson(ctx, person, input.organizationId);
}
