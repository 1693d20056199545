import { division } from '@union-graph/domain';

export type DivisionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

/**
 * The region a division code rolls up to at a level: reports group by the stored code (one
 * `$group` or one pass in memory) and fold codes into provinces, cities or counties here. A code
 * above the level (a provincial federation when grouping by city) stays itself.
 */
export function regionOf(code: string, level: DivisionLevel): string {
  const d = division(code);
  if (!d || d.level === 'NATIONAL') return code;
  if (level === 'PROVINCE') return d.provinceCode;
  if (level === 'CITY') return d.cityCode ?? d.code;
  return d.code;
}

export function regionName(code: string): string | null {
  return division(code)?.name ?? null;
}

/** Rows keyed by region, in division-code order. */
export function groupByRegion<T>(
  items: readonly T[],
  codeOf: (item: T) => string,
  level: DivisionLevel,
): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = regionOf(codeOf(item), level);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return new Map([...groups].sort(([a], [b]) => a.localeCompare(b)));
}

export function rate(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole;
}
