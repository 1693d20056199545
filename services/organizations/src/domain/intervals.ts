import { addMonths, today } from '@union-graph/subgraph-kit';

/**
 * The day a recurring duty (§17: a delegate contacting members, a visit to a liaison point) is due
 * next: `months` after it was last done, or after the duty began when it never was.
 */
export function dueOn(last: Date | null | undefined, start: Date, months: number): Date {
  return addMonths(last && last > start ? last : start, months);
}

/** Overdue from the day after the due day, China's calendar. */
export function isOverdue(due: Date, on = today()): boolean {
  return due < on;
}

/**
 * The items whose overdue flag is `want` (all of them when the filter is not asked for), their
 * records loaded in one batch.
 */
export async function filterOverdue<T extends { _id: string }, R>(
  items: T[],
  want: boolean | null | undefined,
  records: (ids: string[]) => Promise<(R[] | Error)[]>,
  overdue: (item: T, records: R[]) => boolean,
): Promise<T[]> {
  if (want === null || want === undefined) return items;
  const loaded = await records(items.map((i) => i._id));
  return items.filter((item, i) => {
    const found = loaded[i];
    return overdue(item, found instanceof Error || !found ? [] : found) === want;
  });
}
