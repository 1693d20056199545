import type { Faker } from '@faker-js/faker';
import type { Education } from '@union-graph/members/seeding';
import type { SeedPlan } from './plan-types';

/**
 * 文化程度 of members (issue #19's EDUCATION dimension), roughly as labour-force surveys find it:
 * most migrant workers finished junior secondary school; other employees more often college.
 */
const OF_MIGRANT_WORKERS: { weight: number; value: Education }[] = [
  { weight: 14, value: 'PRIMARY' },
  { weight: 52, value: 'JUNIOR_SECONDARY' },
  { weight: 17, value: 'SENIOR_SECONDARY' },
  { weight: 6, value: 'VOCATIONAL' },
  { weight: 8, value: 'JUNIOR_COLLEGE' },
  { weight: 3, value: 'BACHELOR' },
];

const OF_OTHERS: { weight: number; value: Education }[] = [
  { weight: 3, value: 'PRIMARY' },
  { weight: 17, value: 'JUNIOR_SECONDARY' },
  { weight: 18, value: 'SENIOR_SECONDARY' },
  { weight: 12, value: 'VOCATIONAL' },
  { weight: 22, value: 'JUNIOR_COLLEGE' },
  { weight: 23, value: 'BACHELOR' },
  { weight: 4, value: 'MASTER' },
  { weight: 1, value: 'DOCTORATE' },
];

/** One member in twenty never stated it, as rosters go. */
export function addEducation(plan: SeedPlan, faker: Faker): void {
  for (const m of plan.members) {
    if (faker.number.int(19) === 0) continue;
    m.education = faker.helpers.weightedArrayElement(m.migrantWorker ? OF_MIGRANT_WORKERS : OF_OTHERS);
  }
}
