/**
 * The one calendar of the graph: dates are China's (Asia/Shanghai), held as UTC midnights (what
 * the Date scalar produces), so day counts are exact integers and no server time zone shifts a
 * deadline by a day. Every "today" and "now" a subgraph reads comes from here, so tests can set
 * the clock — in-process with `setClock`, or in a subgraph process with `UNION_GRAPH_CLOCK`.
 */
const DAY_MS = 86_400_000;
const CHINA_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' });

let fixed: Date | null = fromEnv(process.env.UNION_GRAPH_CLOCK);

function fromEnv(value: string | undefined): Date | null {
  if (!value) return null;
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw new Error(`UNION_GRAPH_CLOCK is not an instant: ${value}`);
  return at;
}

/** Fixes the clock at an instant (null: the real clock again). For tests only. */
export function setClock(at: Date | string | null): void {
  fixed = at === null ? null : new Date(at);
}

/** The current instant: the real clock unless a test fixed it. */
export function now(): Date {
  return fixed ? new Date(fixed) : new Date();
}

/** Today's calendar date in China, as a UTC midnight. */
export function today(at: Date = now()): Date {
  return new Date(`${CHINA_DATE.format(at)}T00:00:00Z`);
}

/** The calendar date of an instant or a Date scalar's value (its UTC day). */
export function asDate(value: Date | string): Date {
  const d = value instanceof Date ? value : new Date(value);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  return Math.round((asDate(to).getTime() - asDate(from).getTime()) / DAY_MS);
}

export function addDays(date: Date, days: number): Date {
  return new Date(asDate(date).getTime() + days * DAY_MS);
}

/** Calendar months later, clamped to the month's last day (30 Nov + 3 months = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const d = asDate(date);
  const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target;
}

export function addYears(date: Date, years: number): Date {
  return addMonths(date, years * 12);
}
