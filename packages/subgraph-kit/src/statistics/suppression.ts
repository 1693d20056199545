/**
 * Disclosure control for statistics tables (issue #19): a cell counting fewer than `k` persons is
 * suppressed (primary), and further cells are suppressed (complementary) until no suppressed cell
 * can be recovered by subtracting the cells shown from a total the reader can learn.
 *
 * A reader learns every margin of a table: the grand total, and each line's total (a line fixes
 * all dimensions but one) from the lower-dimensional breakdown over the same filter. A line with
 * exactly one suppressed cell gives it away, so each such line gets a shown cell suppressed too —
 * preferably one that also completes another such line, then the smallest; that may leave another
 * line with one, so this runs to a fixed point (a heuristic: safe, not always minimal). Absent
 * cells are known zeros and never hide anything, so a line whose only other cells are absent keeps
 * its single suppressed cell — its total is then that cell, below `k`, and the margin's own table
 * suppresses it.
 */
export interface Cell {
  /** One code per dimension of the table, in the table's order. */
  codes: readonly string[];
  count: number;
}

/**
 * Which cells (by index into `cells`) a reader held to `k` must not see; `withheld`: cells hidden
 * already for another reason (a measure's cell whose count is suppressed), protected the same way.
 */
export function suppressedCells(
  cells: readonly Cell[],
  k: number,
  withheld: Iterable<number> = [],
): Set<number> {
  const width = cells[0]?.codes.length ?? 0;
  return suppressedTerms(
    cells.map((c) => c.count),
    () => Array.from({ length: width }, (_, free) => linesAlong(cells, free)).flat(),
    k,
    withheld,
  );
}

/**
 * Which cells of a table a reader held to `k` must not see, whole tables included: when the table is
 * about fewer than k persons (`tooFew`; by default, its total is), every cell about anybody, since
 * the table's total is withheld and its cells would add up to it; else suppressedCells. A cell about
 * nobody is a known zero and stays.
 */
export function withheldCells(
  cells: readonly Cell[],
  k: number,
  { tooFew, withheld = [] }: { tooFew?: boolean; withheld?: Iterable<number> } = {},
): Set<number> {
  const total = cells.reduce((n, c) => n + c.count, 0);
  if (tooFew ?? (total > 0 && total < k))
    return new Set([...withheld, ...cells.flatMap((c, i) => (c.count > 0 ? [i] : []))]);
  return suppressedCells(cells, k, withheld);
}

/**
 * The same suppression over any counts tied by known sums (`lines`: indexes of counts whose signed
 * sum a reader knows, e.g. a union's subtree count = its own count + its children's subtree
 * counts): which counts a reader held to `k` must not see, so that no line keeps exactly one.
 * `lines` is called only when something is withheld.
 */
export function suppressedTerms(
  counts: readonly number[],
  lines: () => readonly (readonly number[])[],
  k: number,
  withheld: Iterable<number> = [],
): Set<number> {
  const hidden = new Set<number>(withheld);
  counts.forEach((n, i) => {
    if (n > 0 && n < k) hidden.add(i);
  });
  if (hidden.size === 0) return hidden;
  const all = lines();
  const linesOf = counts.map(() => [] as (readonly number[])[]);
  for (const line of all) for (const i of line) linesOf[i]!.push(line);
  const lonely = (line: readonly number[]) => line.filter((i) => hidden.has(i)).length === 1;
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of all) {
      if (!lonely(line)) continue;
      const completes = (i: number) => linesOf[i]!.filter((l) => l !== line && lonely(l)).length;
      const partner = line
        // A count of nobody (a sum of no members) is a known zero: withholding it protects nothing.
        .filter((i) => !hidden.has(i) && counts[i]! > 0)
        .sort((a, b) => completes(b) - completes(a) || counts[a]! - counts[b]! || a - b)[0];
      if (partner === undefined) continue;
      hidden.add(partner);
      changed = true;
    }
  }
  return hidden;
}

/** The table's lines along dimension `free`: cells grouped by their codes of the other dimensions. */
function linesAlong(cells: readonly Cell[], free: number): number[][] {
  const lines = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const key = JSON.stringify(c.codes.filter((_, d) => d !== free));
    const line = lines.get(key) ?? [];
    line.push(i);
    lines.set(key, line);
  });
  return [...lines.values()];
}
