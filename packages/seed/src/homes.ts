import type { Faker } from '@faker-js/faker';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';

/** Model titles climb one level at a time; each level is conferred by the federation at that level. */
const TITLE_LADDER = ['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'] as const;

/**
 * A union's Workers' Home, at a title stage that cycles through none → county → … → national
 * across unions, so every stage of the model-title ladder (R11, R19) is present.
 */
export function addHome(
  plan: SeedPlan,
  faker: Faker,
  union: OrgPlan,
  established: Date,
  ancestors: OrgPlan[],
): void {
  const _id = stableId('home', union._id);
  plan.workersHomes.push({
    _id,
    organizationId: union._id,
    name: `${union.name.replace(/工会委员会$/, '')}职工之家`,
    kind: 'STANDARD',
    establishedAt: established,
  });
  const stage = (plan.workersHomes.length - 1) % (TITLE_LADDER.length + 1);
  for (const level of TITLE_LADDER.slice(0, stage)) {
    const conferrer = ancestors.find((o) => o.level === level);
    if (!conferrer) continue;
    plan.modelTitles.push({
      _id: stableId('title', _id, level, 1),
      homeId: _id,
      organizationId: union._id,
      level,
      conferrerId: conferrer._id,
      round: faker.number.int({ min: 1, max: 3 }),
    });
  }
}
