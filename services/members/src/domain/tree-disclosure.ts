import { minimumCountFor, type Statistics, suppressedTerms } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { UNION_PATH } from '../statistics';

/**
 * Complementary suppression over the union tree (issue #19, docs/statistics.md "Differencing
 * attacks"). An analyst reads each union's own count (its list, `Organization.memberCount`) and its
 * subtree count (a subtree list, `memberBreakdown` over it), and for every union
 * S(X) = own(X) + Σ S(child): were one term withheld and the others shown, subtraction would give
 * it back (a subtree minus its children's is the union's own members). So each such sum is a line
 * of the kit's suppression: counts of 1 … k−1 persons withheld, then no line keeps exactly one.
 * Unfiltered counts of records of every status only, as the lists count them; a filtered count is
 * withheld with its scope's, but compared with no other filter (nested filters, not defended).
 */
interface TreeWithheld {
  own: ReadonlySet<string>;
  subtree: ReadonlySet<string>;
  country: boolean;
}

/** Per read model: the tree changes only when the model does, so one computation serves each version. */
const computed = new WeakMap<Statistics, { version: number; k: number; withheld: Promise<TreeWithheld> }>();

/**
 * Whether the tree withholds from this caller the count of a union's members (`subtree` false: its
 * own; true: its subtree), or of the caller's whole scope (`orgId` null: the country for a
 * nationwide caller, else the subtree of the union the token names). Never for a caller not held to k.
 */
export async function treeWithholds(
  ctx: Context,
  orgId: string | null | undefined,
  subtree: boolean,
): Promise<boolean> {
  const k = minimumCountFor(ctx.caller);
  if (k === null || !ctx.statistics) return false;
  const withheld = await treeWithheld(ctx.statistics, k);
  if (orgId) return (subtree ? withheld.subtree : withheld.own).has(orgId);
  if (ctx.scope.isNationwide) return withheld.country;
  return Boolean(ctx.caller.orgId && withheld.subtree.has(ctx.caller.orgId));
}

function treeWithheld(statistics: Statistics, k: number): Promise<TreeWithheld> {
  const version = statistics.version();
  const known = computed.get(statistics);
  if (known && known.version === version && known.k === k) return known.withheld;
  const entry = { version, k, withheld: suppressOverTree(statistics, k) };
  computed.set(statistics, entry);
  // A failed computation is not kept: the next reader tries again.
  entry.withheld.catch(() => computed.get(statistics) === entry && computed.delete(statistics));
  return entry.withheld;
}

async function suppressOverTree(statistics: Statistics, k: number): Promise<TreeWithheld> {
  // One query: the records per union path (`/root/…/union/`), the tree coming with the counts.
  const table = await statistics.breakdown({ groupBy: [UNION_PATH], root: null, k: null });
  const own = new Map<string, number>();
  const subtree = new Map<string, number>();
  const children = new Map<string, Set<string>>();
  const roots = new Set<string>();
  let outside = 0;
  for (const { values, count } of table.rows) {
    const path = values[0]!.code;
    const n = count ?? 0;
    // A union the directory does not hold yet has no path.
    if (!path.startsWith('/')) {
      outside += n;
      continue;
    }
    const ids = path.split('/').filter(Boolean);
    own.set(ids.at(-1)!, (own.get(ids.at(-1)!) ?? 0) + n);
    roots.add(ids[0]!);
    ids.forEach((id, i) => {
      subtree.set(id, (subtree.get(id) ?? 0) + n);
      if (i > 0) children.set(ids[i - 1]!, (children.get(ids[i - 1]!) ?? new Set()).add(id));
    });
  }
  // Terms: a union's own count at 2i, its subtree's at 2i + 1, the country's last.
  const unions = [...subtree.keys()];
  const index = new Map(unions.map((id, i) => [id, i]));
  const ownTerm = (id: string) => 2 * index.get(id)!;
  const subtreeTerm = (id: string) => 2 * index.get(id)! + 1;
  const counts = unions.flatMap((id) => [own.get(id) ?? 0, subtree.get(id)!]);
  const country = counts.push(table.total ?? 0) - 1;
  const lines = () => [
    ...unions.map((id) => [ownTerm(id), ...[...(children.get(id) ?? [])].map(subtreeTerm), subtreeTerm(id)]),
    // Records of unions outside the directory count in the country and in no union's subtree.
    ...(outside === 0 ? [[...[...roots].map(subtreeTerm), country]] : []),
  ];
  const hidden = suppressedTerms(counts, lines, k);
  return {
    own: new Set(unions.filter((id) => hidden.has(ownTerm(id)))),
    subtree: new Set(unions.filter((id) => hidden.has(subtreeTerm(id)))),
    country: hidden.has(country),
  };
}
