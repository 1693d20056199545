import { loadRules, z } from '@union-graph/subgraph-kit';

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

/**
 * R3 (§5) and R4 (§6): the opinion's "1 名" is a floor — a province that staffs more, or that does
 * not count development-zone unions as general unions, overrides it with `UNION_GRAPH_RULES_STAFFING`.
 * The directory does not record a zone's rank, so every development-zone union in the tree counts as
 * the general union of a provincial-level zone (the only zones §5 lets form one) by default.
 */
export const staffingRules = loadRules(
  'staffing',
  z.object({
    /** R3: union types that need full-time vice-chairs. */
    viceChairTypes: z.array(z.string()).min(1),
    minFullTimeViceChairs: z.number().int().min(1),
    /** R4: union types that need full-time staff (any serving full-time cadre counts). */
    staffTypes: z.array(z.string()).min(1),
    minFullTimeStaff: z.number().int().min(1),
  }),
  {
    viceChairTypes: ['TOWNSHIP_FEDERATION', 'DEV_ZONE_UNION'],
    minFullTimeViceChairs: 1,
    staffTypes: ['REGIONAL_FEDERATION', 'SECTORAL_FEDERATION'],
    minFullTimeStaff: 1,
  },
);

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
