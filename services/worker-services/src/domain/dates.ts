import { BadUserInputError } from '@union-graph/subgraph-kit';

const DAY = 86_400_000;

/** Midnight UTC of a date: contract terms and deadlines count whole calendar days. */
export function day(d: Date | string): Date {
  const t = new Date(d);
  return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
}

export function addDays(d: Date, n: number): Date {
  return new Date(day(d).getTime() + n * DAY);
}

export function today(): Date {
  return day(new Date());
}

/** A date that must not lie in the future (things that have happened). */
export function requirePast(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (d.getTime() > Date.now()) throw new BadUserInputError(`${field} lies in the future`, field);
  return d;
}
