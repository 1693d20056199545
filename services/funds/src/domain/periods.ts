import { BadUserInputError } from '@union-graph/subgraph-kit';
import { text } from '../messages';

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A period is a calendar month, `YYYY-MM`; strings of that shape sort in time order. */
export function requirePeriod(value: string, field: string): string {
  if (!PERIOD.test(value)) throw new BadUserInputError(text('periodFormat', { field }), field);
  return value;
}

export function periodOf(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 7);
}

export function toDate(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value);
}

export interface PeriodRange {
  from?: string | null;
  to?: string | null;
}

/** A mongo condition on `period` for an optional inclusive range, validated. */
export function periodCondition({ from, to }: PeriodRange): Record<string, string> | undefined {
  if (from) requirePeriod(from, 'from');
  if (to) requirePeriod(to, 'to');
  if (from && to && from > to) throw new BadUserInputError(text('rangeOrder'), 'from');
  if (!from && !to) return undefined;
  return { ...(from ? { $gte: from } : {}), ...(to ? { $lte: to } : {}) };
}

/** The months from `from` to `to`, both included (both valid periods, in order). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5))];
  for (let month = from; month <= to; month = `${y}-${String(m).padStart(2, '0')}`) {
    months.push(month);
    [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  }
  return months;
}

export function requireYear(year: number, field = 'year'): number {
  if (!Number.isInteger(year) || year < 1950 || year > 2100) {
    throw new BadUserInputError(text('yearRange'), field);
  }
  return year;
}
