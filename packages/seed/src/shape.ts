import type { Faker } from '@faker-js/faker';

/**
 * The distributions and tables the demo data follows (glossary rules R1, R2, R6, R18), kept apart
 * from the tree walk so each can be read against the rule it mirrors.
 */

/** Pareto-distributed whole number ≥ `min`: most units are small, a few are very large. */
export function heavyTailed(faker: Faker, min: number, alpha: number, max: number): number {
  const u = faker.number.float({ min: 1e-9, max: 1 });
  return Math.min(max, Math.floor(min / u ** (1 / alpha)));
}

/** R1: a unit of this many employees or more should have its own grassroots union. */
export const OWN_UNION_FROM = 25;
/** R2: a joint grassroots union covers at most this many units. */
export const JOINT_UNION_MAX_UNITS = 50;
/** R6: a new chair completes training within a year of taking office. */
export const TRAINING_WITHIN_DAYS = 365;
/** The day the demo data describes ("now"), so re-runs plan the same overdue items. */
export const AS_OF = new Date('2026-06-30T00:00:00Z');

/** R18 (Shenzhen practice): committee seats by membership, [up to members, fewest, most]. */
const SEAT_TABLE: [number, number, number][] = [
  [10, 0, 0],
  [25, 3, 3],
  [100, 3, 5],
  [200, 5, 7],
  [500, 7, 9],
  [1000, 9, 15],
  [5000, 15, 21],
  [10000, 21, 29],
  [50000, 29, 37],
  [Number.POSITIVE_INFINITY, 37, 45],
];

/** An odd seat count inside the table's range for `members`; 0 where an organizer suffices. */
export function committeeSeats(faker: Faker, members: number): number {
  const [, low, high] = SEAT_TABLE.find(([upTo]) => members <= upTo)!;
  if (high === 0) return 0;
  const odd = [];
  for (let s = low; s <= high; s++) if (s % 2 === 1) odd.push(s);
  return faker.helpers.arrayElement(odd);
}

/** Cuts `n` items into groups of random sizes between `min` and `max`. */
export function groupSizes(faker: Faker, n: number, min: number, max: number): number[] {
  const sizes: number[] = [];
  for (let left = n; left > 0; ) {
    const size = Math.min(left, faker.number.int({ min, max }));
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

export const days = (n: number) => n * 86_400_000;
