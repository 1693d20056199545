import type { Faker } from '@faker-js/faker';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan';
import { AS_OF, days, TRAINING_WITHIN_DAYS } from './shape';

const COURSES = ['基层工会主席任职培训', '工会法律法规与集体协商', '工会经费管理与审查', '职工之家建设实务'];

/**
 * The elected chair of a union, trained within a year of taking office (R6) — except every fifth
 * chair in office for over a year, whose training is overdue on purpose.
 */
export function addChair(plan: SeedPlan, faker: Faker, union: OrgPlan, memberId: string, size: number): void {
  const _id = stableId('cadre', union._id, 'chair');
  const termStart = faker.date.between({ from: '2021-01-01', to: '2025-12-31' });
  plan.cadres.push({
    _id,
    organizationId: union._id,
    memberId,
    position: 'CHAIR',
    fullTime: size > 100,
    source: 'ELECTED',
    status: 'SERVING',
    seatKey: `${union._id}:CHAIR`,
    termStart,
    termEnd: null,
  });
  const inOfficeDays = (AS_OF.getTime() - termStart.getTime()) / days(1);
  const overdue = plan.cadres.length % 5 === 0 && inOfficeDays > TRAINING_WITHIN_DAYS;
  if (overdue) return;
  const latest = Math.min(AS_OF.getTime(), termStart.getTime() + days(TRAINING_WITHIN_DAYS - 1));
  if (latest <= termStart.getTime()) return;
  plan.trainings.push({
    _id: stableId('training', _id),
    memberId,
    organizationId: union._id,
    cadreId: _id,
    course: faker.helpers.arrayElement(COURSES),
    hours: faker.helpers.arrayElement([16, 24, 32, 40]),
    completedOn: faker.date.between({ from: termStart, to: new Date(latest) }),
  });
}
