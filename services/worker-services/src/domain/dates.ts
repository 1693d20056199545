import { BadUserInputError, now } from '@union-graph/subgraph-kit';

/**
 * A date that must not lie in the future (things that have happened). The kit's calendar has the
 * rest (`today`, `asDate`, `addDays`); this is the one rule it lacks.
 */
export function requirePast(value: Date | string, field: string): Date {
  const d = new Date(value);
  if (d.getTime() > now().getTime()) throw new BadUserInputError(`${field} lies in the future`, field);
  return d;
}
