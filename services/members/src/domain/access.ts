import { hasRole, NotFoundError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberDoc } from '../models';

/**
 * Who reads which member: a caller holding only the MEMBER role reads their own record; everyone
 * else reads the members of unions in their scope (the kit's Scope).
 */
export function isMemberOnly(ctx: Pick<Context, 'caller'>): boolean {
  return hasRole(ctx.caller, 'MEMBER') && !hasRole(ctx.caller, 'NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
}

export async function readableMember(
  ctx: Context,
  doc: MemberDoc | null | undefined,
): Promise<MemberDoc | null> {
  if (!doc) return null;
  if (isMemberOnly(ctx)) return doc._id === ctx.caller.memberId ? doc : null;
  return ctx.scope.visible(doc, (m) => m.organizationId);
}

/** The mongo filter of every member list: the caller's own record, or the caller's subtree. */
export async function memberScopeFilter(ctx: Context): Promise<Record<string, unknown>> {
  if (isMemberOnly(ctx)) return { _id: ctx.caller.memberId ?? '\u0000none' };
  return ctx.scope.orgFilter('organizationId');
}

/** A member the caller may read, or NOT_FOUND (outside the scope reads as absent). */
export async function requireMember(ctx: Context, id: string, field = 'memberId'): Promise<MemberDoc> {
  const doc = await readableMember(ctx, await ctx.loaders.member.load(id));
  if (!doc) throw new NotFoundError('Member', id, field);
  return doc;
}

/** A member the caller may change: an administrator of a union above (or at) the member's union. */
export async function requireWritableMember(
  ctx: Context,
  id: string,
  field = 'memberId',
): Promise<MemberDoc> {
  const doc = await requireMember(ctx, id, field);
  await ctx.scope.requireWritableOrg(doc.organizationId, field);
  return doc;
}
