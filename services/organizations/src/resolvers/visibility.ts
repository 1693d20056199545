import type { Context } from '../context';
import type { OrganizationDoc } from '../models';

/** An organization the caller may see, or null: outside the scope reads as absent. */
export async function visibleOrganization(ctx: Context, id: string): Promise<OrganizationDoc | null> {
  const org = await ctx.loaders.organization.load(id);
  return org && ctx.scope.contains(org) ? org : null;
}
