/**
 * Calendar dates as UTC midnights (what the Date scalar produces), so day counts are exact
 * integers and no time zone shifts a boundary by a day.
 */
const DAY_MS = 86_400_000;

/** Today's calendar date in China (UTC+8), as a UTC midnight. */
export function today(now = new Date()): Date {
  const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  return new Date(`${ymd}T00:00:00Z`);
}

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
