import type { Faker } from '@faker-js/faker';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';
import { AS_OF, days, TRAINING_WITHIN_DAYS } from './shape';

const COURSES = ['基层工会主席任职培训', '工会法律法规与集体协商', '工会经费管理与审查', '职工之家建设实务'];

/**
 * R17: candidates publicized at least 7 days ahead, at least two thirds of the voters present,
 * and the winner backed by more than half of all voters.
 */
function addElection(
  plan: SeedPlan,
  faker: Faker,
  union: OrgPlan,
  memberIds: string[],
  voteDate: Date,
  fullTime: boolean,
): string {
  const _id = stableId('election', union._id, voteDate.toISOString());
  const candidates = memberIds.map((memberId) => ({
    _id: stableId('candidate', _id, memberId),
    memberId,
    position: 'CHAIR',
    fullTime,
    publicityStart: new Date(voteDate.getTime() - days(faker.number.int({ min: 7, max: 21 }))),
    recommendedByUpperUnion: faker.datatype.boolean(),
  }));
  plan.elections.push({
    _id,
    organizationId: union._id,
    voteDate,
    termYears: faker.helpers.arrayElement([3, 5]),
    candidates,
  });
  const eligible = Math.max(
    memberIds.length,
    faker.number.int({ min: memberIds.length, max: 5 * memberIds.length + 40 }),
  );
  const present = faker.number.int({ min: Math.ceil((2 * eligible) / 3), max: eligible });
  const winner = faker.number.int({ min: Math.floor(eligible / 2) + 1, max: present });
  plan.electionResults.push({
    _id,
    eligibleVoters: eligible,
    presentVoters: present,
    tallies: candidates.map((c, i) => ({
      candidateId: c._id,
      votes: i === 0 ? winner : present - winner,
      elected: i === 0,
    })),
  });
  return _id;
}

const CONTRACT_CHANGES = ['CHANGE', 'RESCISSION', 'TERMINATION'] as const;

/**
 * R7: every sixth chair has filed a change of their labor contract with the upper union, ten days
 * before it took effect — except every third of those, filed five days late with a reason, so the
 * upper unions' late-filing reports find something. Dates follow the term, not the generator, so
 * adding filings moves no other seeded value.
 */
function addContractFiling(plan: SeedPlan, union: OrgPlan, chair: SeedPlan['cadres'][number]): void {
  const n = plan.cadres.length;
  if (n % 6 !== 0 || !union.parentId) return;
  const late = n % 18 === 0;
  const effectiveOn = new Date(Math.min(AS_OF.getTime(), chair.termStart.getTime() + days(400)));
  plan.contractFilings.push({
    _id: stableId('filing', chair._id),
    organizationId: union._id,
    cadreId: chair._id,
    memberId: chair.memberId,
    filedWithId: union.parentId,
    kind: CONTRACT_CHANGES[(n / 6) % CONTRACT_CHANGES.length]!,
    effectiveOn,
    filedOn: new Date(effectiveOn.getTime() + days(late ? 5 : -10)),
    late,
    lateReason: late ? '主席外出学习，未能在变更生效前报送备案' : null,
  });
}

/**
 * The elected chair of a union (the first of its candidates), trained within a year of taking
 * office (R6) — except every fifth chair in office for over a year, whose training is overdue on purpose.
 */
export function addChair(
  plan: SeedPlan,
  faker: Faker,
  union: OrgPlan,
  candidates: string[],
  size: number,
): void {
  const _id = stableId('cadre', union._id, 'chair');
  const memberId = candidates[0]!;
  const termStart = faker.date.between({ from: '2021-01-01', to: '2025-12-31' });
  const electionId = addElection(plan, faker, union, candidates, termStart, size > 100);
  plan.cadres.push({
    _id,
    organizationId: union._id,
    memberId,
    position: 'CHAIR',
    fullTime: size > 100,
    source: 'ELECTED',
    status: 'SERVING',
    seatKey: `${union._id}:CHAIR`,
    electionId,
    termStart,
    termEnd: null,
  });
  addContractFiling(plan, union, plan.cadres.at(-1)!);
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
