import type { OrgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';

/** Unions that still exist: a dissolved or merged union has no seats to fill or staff to keep. */
export const LIVE_UNIONS = { status: { $nin: ['DISSOLVED', 'MERGED'] } };

/**
 * The organizations at and below a root the caller may see, as directory rows, for reports that
 * filter on the union itself (type, status) or need its division code; one query, so reports for
 * an upper union cover exactly its subtree.
 */
export async function subtreeOrgs(
  { scope, models }: Context,
  rootId: string,
  filter: Record<string, unknown> = {},
): Promise<OrgRef[]> {
  await scope.requireOrg(rootId);
  return models.OrgDirectory.find({ path: rootId, ...filter }).lean<OrgRef[]>();
}
