import { addDays, asDate, BadUserInputError, now } from '@union-graph/subgraph-kit';
import { text } from '../messages';

/**
 * A date that must not lie in the future (things that have happened). The kit's calendar has the
 * rest (`today`, `asDate`, `addDays`); these are the rules it lacks.
 */
export function requirePast(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (d.getTime() > now().getTime()) throw new BadUserInputError(text('inFuture', { field }), field);
  return d;
}

/** China has one time zone and no daylight saving: its midnight is 16:00 UTC the day before. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

const chinaMidnight = (day: Date) => new Date(day.getTime() - CHINA_OFFSET_MS);

/**
 * A list filter's `from`/`to` days (China's calendar, both included) as a condition on an instant
 * field (`createdAt`, `occurredAt`); an inverted range is refused rather than answered with nothing.
 */
export function dayRange(
  field: string,
  { from, to }: { from?: Date | string | null; to?: Date | string | null },
): Record<string, unknown> {
  if (from && to && asDate(from) > asDate(to))
    throw new BadUserInputError(text('rangeInverted'), 'filter.to');
  if (!from && !to) return {};
  return {
    [field]: {
      ...(from ? { $gte: chinaMidnight(asDate(from)) } : {}),
      ...(to ? { $lt: chinaMidnight(addDays(asDate(to), 1)) } : {}),
    },
  };
}
