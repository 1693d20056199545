import type { Context } from '../context';

/** Whether the caller acts only as a member (no administrator or analyst role). */
export function isMemberOnly(ctx: Context): boolean {
  return !ctx.caller.roles.some((r) => r !== 'MEMBER');
}

/**
 * A member's personal record (case, redemption, rating) if the caller may see it: within scope,
 * and a member-only caller sees their own records only.
 */
export async function visiblePersonal<T extends { organizationId: string; memberId: string }>(
  ctx: Context,
  doc: T | null | undefined,
): Promise<T | null> {
  if (!doc) return null;
  if (isMemberOnly(ctx) && doc.memberId !== ctx.caller.memberId) return null;
  return ctx.scope.visible(doc, (d) => d.organizationId);
}

/** The personal records of a batch the caller may see, in order. */
export async function visiblePersonalAll<T extends { organizationId: string; memberId: string }>(
  ctx: Context,
  docs: T[],
): Promise<T[]> {
  const seen: (T | null)[] = await Promise.all(docs.map((d) => visiblePersonal(ctx, d)));
  return seen.filter((d): d is T => d !== null);
}

/** Documents of a batch the caller may see, in order. */
export async function visibleAll<T extends { organizationId: string }>(
  ctx: Context,
  docs: T[],
): Promise<T[]> {
  const seen = await Promise.all(docs.map((d) => ctx.scope.visible(d, (x) => x.organizationId)));
  return seen.filter((d): d is Awaited<T> => d !== null) as T[];
}

/** Fields this subgraph adds to another's entity show only for unions within the caller's scope. */
export async function inScope(ctx: Context, organizationId: string): Promise<boolean> {
  const org = await ctx.scope.orgs.load(organizationId);
  return !!org && ctx.scope.contains(org);
}
