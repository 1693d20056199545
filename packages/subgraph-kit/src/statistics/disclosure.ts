import { type Caller, hasRole } from '@union-graph/auth';
import type { Connection } from '../pagination';
import { loadRules, z } from '../rules';

/**
 * Disclosure control of every count an analyst reads (issue #19, docs/statistics.md): statistics
 * offices never publish a count of fewer than `minimumCount` persons. Offices set their own
 * threshold, so a deployment overrides it with `UNION_GRAPH_RULES_STATISTICS`; every subgraph reads
 * the same rule, so a figure is withheld alike wherever it is asked.
 */
export const statisticsRules = loadRules('statistics', z.object({ minimumCount: z.number().int().min(2) }), {
  minimumCount: 5,
});

/**
 * The k a caller's counts are held to: an analyst who cannot write reads aggregates only; an
 * administrator reads the member lists anyway, so holding their counts back would protect nobody.
 */
export function minimumCountFor(caller: Caller): number | null {
  return hasRole(caller, 'ANALYST') && !hasRole(caller, 'NATIONAL_ADMIN', 'ORG_ADMIN')
    ? statisticsRules.minimumCount
    : null;
}

/**
 * A count of persons as a reader held to `k` may see it: null when it is under k (zero is shown:
 * it describes nobody), or when the reader can also read a larger count (`wholes`: the same
 * population without the filter, the union's members beside its female members) and the
 * difference — the filter's complement — would be under k.
 */
export function disclosedCount(
  count: number,
  k: number | null,
  wholes: readonly number[] = [],
): number | null {
  if (k === null) return count;
  const few = (n: number) => n > 0 && n < k;
  return few(count) || wholes.some((whole) => few(whole - count)) ? null : count;
}

const NO_PAGE = { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null };

/**
 * A list of persons as a reader held to k may page it: its pages tell how many persons it holds as
 * surely as its count does, so both are withheld together — the count null and no nodes — when the
 * count is under k, or when the same list without the filter (`whole`) would differ from it by
 * fewer than k persons, or when `withheld` says its scope's count is withheld for another reason
 * (complementary suppression). Other readers get the list as it is.
 */
export async function disclosedConnection<T>(
  caller: Caller,
  list: Connection<T>,
  whole?: () => Promise<number>,
  withheld?: () => Promise<boolean>,
): Promise<Connection<T>> {
  const k = minimumCountFor(caller);
  if (k === null) return list;
  const count = (await list.totalCount()) ?? 0;
  const shown = disclosedCount(count, k, whole ? [await whole()] : []);
  return shown === null || (await withheld?.())
    ? { edges: [], nodes: [], pageInfo: NO_PAGE, totalCount: () => null }
    : list;
}
