import {
  type Connection,
  disclosedConnection,
  disclosedCount,
  minimumCountFor,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';

/** A member list as an analyst may read it (issue #19, docs/statistics.md): the kit's `disclosedConnection`. */
export function disclosedList<T>(
  ctx: Context,
  list: Connection<T>,
  whole?: () => Promise<number>,
): Promise<Connection<T>> {
  return disclosedConnection(ctx.caller, list, whole);
}

type UnionCount = 'memberCount' | 'femaleMemberCount' | 'migrantWorkerCount' | 'flexibleWorkerCount';

/**
 * The count a union's figure stands in beside: its members beside all its records (the withdrawn
 * are the difference), its female, migrant or flexible members beside its members.
 */
const WHOLE: Record<UnionCount, 'recordCount' | 'memberCount'> = {
  memberCount: 'recordCount',
  femaleMemberCount: 'memberCount',
  migrantWorkerCount: 'memberCount',
  flexibleWorkerCount: 'memberCount',
};

/** A union's registry count as the caller may read it: an analyst's is withheld under k, or beside a whole it would give away. */
export async function disclosedUnionCount(
  ctx: Context,
  orgId: string,
  count: UnionCount,
): Promise<number | null> {
  const k = minimumCountFor(ctx.caller);
  const n = await ctx.loaders[count].load(orgId);
  if (k === null) return n;
  return disclosedCount(n, k, [await ctx.loaders[WHOLE[count]].load(orgId)]);
}
