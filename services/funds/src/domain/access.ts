import { ForbiddenError, type OrgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';

export interface Bookkeeping {
  org: OrgRef;
  /** The upper union entering the entry under 上代下, or null when the union keeps its own books. */
  keptBy: string | null;
}

/**
 * Who may write in a union's books: its own administrators (a union manages its own funds, the
 * fifth of the six haves), national administrators, and the upper union that keeps the books
 * under an active centralized accounting agreement (上代下). Being higher in the tree is not enough.
 */
export async function requireBookkeeper(
  ctx: Context,
  orgId: string,
  field = 'organizationId',
): Promise<Bookkeeping> {
  const { scope, caller, loaders } = ctx;
  const org = await scope.requireWritableOrg(orgId, field);
  if (scope.isNationwide || caller.orgId === orgId) return { org, keptBy: null };
  const agreement = await loaders.activeAgreement.load(orgId);
  if (agreement && agreement.upperId === caller.orgId) return { org, keptBy: caller.orgId };
  throw new ForbiddenError(text('ownBooks', { org: org.name }));
}

/** The organization must lie strictly below `upper` in the tree. */
export function isBelow(org: OrgRef, upperId: string): boolean {
  return org._id !== upperId && org.path.includes(upperId);
}
