/**
 * R6, R7 and R17 come from the law and the 2014 opinion, not from local practice, so they are
 * constants rather than `loadRules` settings.
 */
export const CADRE_RULES = {
  /** R17: candidates are publicized at least this many days before the vote. */
  publicityDays: 7,
  /** R17: a vacant chair is filled within this many months. */
  chairVacancyMonths: 3,
  /** R6: a new chair is trained within this many days of taking office (day 365 is in time). */
  trainingDays: 365,
} as const;

/** The unions R6 and R7 speak of ("基层工会主席"). */
export const GRASSROOTS_TYPES = ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY'];

/** R17: at least two thirds of the eligible voters present, in integers (no rounding). */
export function hasQuorum(present: number, eligible: number): boolean {
  return 3 * present >= 2 * eligible;
}

/** R17: more than half of ALL eligible voters, not of those present; exactly half fails. */
export function hasMajority(votes: number, eligible: number): boolean {
  return 2 * votes > eligible;
}
