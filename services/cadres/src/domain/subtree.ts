import { NotFoundError, type OrgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';

/**
 * The organizations at and below a root the caller may see, from the local directory (one query):
 * reports for an upper union cover exactly its subtree.
 */
export async function subtreeOrgs(
  { scope, models }: Context,
  rootId: string,
  filter: Record<string, unknown> = {},
): Promise<OrgRef[]> {
  await scope.requireOrg(rootId);
  return models.OrgDirectory.find({ path: rootId, ...filter }).lean<OrgRef[]>();
}

export async function subtreeIds(ctx: Context, rootId: string): Promise<string[]> {
  return (await subtreeOrgs(ctx, rootId)).map((o) => o._id);
}

/** A record whose union the caller may see, or null (outside reads as absent). */
export function visibleByOrg<T extends { organizationId: string }>(
  ctx: Context,
  doc: T | null | undefined,
): Promise<T | null> {
  return ctx.scope.visible(doc, (d) => d.organizationId);
}

/** As visibleByOrg, and the caller must be allowed to write there; else NOT_FOUND / FORBIDDEN. */
export async function requireWritable<T extends { _id: string; organizationId: string }>(
  ctx: Context,
  doc: T | null | undefined,
  typename: string,
  id: string,
  field: string,
): Promise<{ doc: T; org: OrgRef }> {
  const visible = await visibleByOrg(ctx, doc);
  if (!visible) throw new NotFoundError(typename, id, field);
  return { doc: visible, org: await ctx.scope.requireWritableOrg(visible.organizationId, field) };
}
