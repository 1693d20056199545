import type { Context } from '../context';
import type { OrganizationDoc } from '../models';

/**
 * The organization a record belongs to. Records are only reachable through a visible
 * organization or a scoped query, so their owner is visible too.
 */
export async function ownerOf(ctx: Context, organizationId: string): Promise<OrganizationDoc> {
  return (await ctx.loaders.organization.load(organizationId))!;
}
