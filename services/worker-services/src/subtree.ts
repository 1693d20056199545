import { BadUserInputError, NotFoundError } from '@union-graph/subgraph-kit';
import type { Context } from './context';

/**
 * Limits a list to one union's subtree (the caller must see that union): ids come from the org
 * directory in one query, so documents keep only their organization id and a moved subtree needs
 * no rewrite here.
 */
export async function subtreeFilter(
  ctx: Context,
  organizationId: string,
  field = 'organizationId',
): Promise<Record<string, { $in: string[] }>> {
  await ctx.scope.requireOrg(organizationId);
  const ids = await ctx.models.OrgDirectory.distinct('_id', { path: organizationId });
  return { [field]: { $in: ids.map(String) } };
}

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

/** Documents of a batch the caller may see, in order. */
export async function visibleAll<T extends { organizationId: string }>(
  ctx: Context,
  docs: T[],
): Promise<T[]> {
  const seen = await Promise.all(docs.map((d) => ctx.scope.visible(d, (x) => x.organizationId)));
  return seen.filter((d): d is Awaited<T> => d !== null) as T[];
}

/** The document if the caller may see it, else NOT_FOUND naming the argument. */
export async function requireVisible<T>(
  ctx: Context,
  typename: string,
  id: string,
  doc: T | null | undefined,
  orgIdOf: (doc: T) => string,
  field = 'id',
): Promise<T> {
  const seen = await ctx.scope.visible(doc, orgIdOf);
  if (!seen) throw new NotFoundError(typename, id, field);
  return seen;
}

/** A date that must not lie in the future (things that have happened). */
export function requirePast(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (d.getTime() > Date.now()) throw new BadUserInputError(`${field} lies in the future`, field);
  return d;
}

/** A document the caller may see and change (its union writable), else NOT_FOUND / FORBIDDEN on `id`. */
export async function requireWritable<T extends { organizationId: string }>(
  ctx: Context,
  typename: string,
  id: string,
  doc: T | null | undefined,
): Promise<T> {
  const seen = await requireVisible(ctx, typename, id, doc, (d) => d.organizationId);
  await ctx.scope.requireWritableOrg(seen.organizationId, 'id');
  return seen;
}
