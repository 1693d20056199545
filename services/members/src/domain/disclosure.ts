import {
  type Connection,
  disclosedConnection,
  disclosedCount,
  minimumCountFor,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { treeWithholds } from './tree-disclosure';

/** Whose members a list holds: one union alone or its subtree; `orgId` null: the caller's whole scope. */
export interface ListScope {
  orgId: string | null | undefined;
  subtree: boolean;
}

/**
 * A member list as an analyst may read it (issue #19, docs/statistics.md): the kit's
 * `disclosedConnection`, and withheld whatever its filter when the tree withholds its scope's count
 * (a filtered list and its complement would add up to it).
 */
export function disclosedList<T>(
  ctx: Context,
  list: Connection<T>,
  whole?: () => Promise<number>,
  scope?: ListScope,
): Promise<Connection<T>> {
  return disclosedConnection(
    ctx.caller,
    list,
    whole,
    scope && (() => treeWithholds(ctx, scope.orgId, scope.subtree)),
  );
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

/**
 * A union's registry count as the caller may read it: an analyst's is withheld under k, beside a
 * whole it would give away, or when the tree withholds the union's own count.
 */
export async function disclosedUnionCount(
  ctx: Context,
  orgId: string,
  count: UnionCount,
): Promise<number | null> {
  const k = minimumCountFor(ctx.caller);
  const n = await ctx.loaders[count].load(orgId);
  if (k === null) return n;
  // Its members and their parts alike: the union's own count withheld by the tree (memberCount
  // is its records when none withdrew) is not to be approached through them.
  if (await treeWithholds(ctx, orgId, false)) return null;
  return disclosedCount(n, k, [await ctx.loaders[WHOLE[count]].load(orgId)]);
}
