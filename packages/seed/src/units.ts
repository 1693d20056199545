import type { Faker } from '@faker-js/faker';
import { makeCreditCode } from '@union-graph/domain';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';
import {
  AS_OF,
  committeeSeats,
  days,
  groupSizes,
  heavyTailed,
  JOINT_UNION_MAX_UNITS,
  OWN_UNION_FROM,
} from './shape';
import { enterpriseName, shopName } from './true-to-life';

/** Serials of small units' credit codes start here, clear of the grassroots unions' units. */
const SMALL_UNIT_SERIALS = 10_000_000;

function hostUnit(
  plan: SeedPlan,
  faker: Faker,
  fields: {
    name: string;
    creditCode: string;
    divisionCode: string;
    employees: number;
    responsibleOrgId: string;
  },
): string {
  const _id = stableId('unit', fields.creditCode);
  plan.hostUnits.push({
    _id,
    name: fields.name,
    creditCode: fields.creditCode,
    kind: faker.helpers.weightedArrayElement([
      { weight: 8, value: 'NON_PUBLIC_ENTERPRISE' as const },
      { weight: 2, value: 'STATE_OWNED_ENTERPRISE' as const },
    ]),
    divisionCode: fields.divisionCode,
    employeeCount: fields.employees,
    femaleEmployeeCount: faker.number.int({ min: 0, max: fields.employees }),
    responsibleOrgId: fields.responsibleOrgId,
  });
  return _id;
}

function cover(plan: SeedPlan, unitId: string, organizationId: string, slot: number, own: boolean): void {
  plan.coverages.push({
    _id: stableId('coverage', unitId),
    unitId,
    organizationId,
    slotKey: `${organizationId}:${slot}`,
    own,
  });
}

/** The employer behind a grassroots union (R1: 25 employees or more, a heavy-tailed size). */
export function addOwnUnit(
  plan: SeedPlan,
  faker: Faker,
  union: OrgPlan,
  unit: { name: string; creditCode: string; members: number; responsibleOrgId: string },
): void {
  const employees = Math.max(unit.members, heavyTailed(faker, OWN_UNION_FROM, 1.2, 60_000));
  const unitId = hostUnit(plan, faker, { ...unit, divisionCode: union.divisionCode, employees });
  cover(plan, unitId, union._id, 1, true);
}

/**
 * Small units (R1: under 25 employees) in one township, covered by joint grassroots unions of at
 * most 50 units (R2). On purpose, some small units and one large unit per third township stay
 * uncovered, so the coverage report has something to find.
 */
export function addSmallUnits(
  plan: SeedPlan,
  faker: Faker,
  township: OrgPlan,
  count: number,
  townshipIndex: number,
): void {
  const units = Array.from({ length: count }, () => {
    const creditCode = makeCreditCode(
      '92',
      township.divisionCode,
      SMALL_UNIT_SERIALS + plan.hostUnits.length,
    );
    const name = shopName(faker, township.divisionCode);
    const employees = heavyTailed(faker, 1, 0.8, OWN_UNION_FROM - 1);
    return {
      id: hostUnit(plan, faker, {
        name,
        creditCode,
        divisionCode: township.divisionCode,
        employees,
        responsibleOrgId: township._id,
      }),
      uncovered: plan.hostUnits.length % 20 === 7,
    };
  });
  const covered = units.filter((u) => !u.uncovered);
  let at = 0;
  groupSizes(faker, covered.length, Math.min(20, JOINT_UNION_MAX_UNITS), JOINT_UNION_MAX_UNITS).forEach(
    (size, g) => {
      const _id = stableId('org', township._id, 'joint', g);
      plan.organizations.push({
        _id,
        name: `${township.name.replace(/总工会$/, '')}第${g + 1}联合工会委员会`,
        type: 'JOINT_GRASSROOTS',
        level: 'GRASSROOTS',
        status: 'ACTIVE',
        parentId: township._id,
        path: [...township.path, _id],
        divisionCode: township.divisionCode,
        version: 1,
      });
      for (const [slot, u] of covered.slice(at, at + size).entries()) cover(plan, u.id, _id, slot + 1, false);
      at += size;
    },
  );
  if (townshipIndex % 3 === 0) {
    const creditCode = makeCreditCode(
      '91',
      township.divisionCode,
      SMALL_UNIT_SERIALS + plan.hostUnits.length,
    );
    hostUnit(plan, faker, {
      name: `${enterpriseName(faker, township.divisionCode).name}（未建会）`,
      creditCode,
      divisionCode: township.divisionCode,
      employees: heavyTailed(faker, OWN_UNION_FROM, 1.2, 5_000),
      responsibleOrgId: township._id,
    });
  }
}

/**
 * The union committee sized by R18, with the funds audit committee of the same term (R15) and a
 * women workers' committee from 10 women members (R14). On purpose some committees are sized off
 * the table and some terms have run out without a new election.
 */
export function addCommittees(
  plan: SeedPlan,
  faker: Faker,
  union: OrgPlan,
  members: { total: number; female: number },
  index: number,
): void {
  let seats = committeeSeats(faker, members.total);
  if (seats === 0) return;
  if (index % 13 === 12) seats += 4;
  const termYears = faker.helpers.arrayElement([3, 5]);
  const expired = index % 11 === 10;
  const termStart = expired
    ? new Date(AS_OF.getTime() - days(365 * termYears + faker.number.int({ min: 30, max: 400 })))
    : faker.date.between({ from: new Date(AS_OF.getTime() - days(365 * termYears - 30)), to: AS_OF });
  const term = (type: string, n: number) =>
    plan.committeeTerms.push({
      _id: stableId('committee', union._id, type, termStart.toISOString()),
      organizationId: union._id,
      type,
      termStart,
      termYears,
      seats: n,
    });
  term('UNION_COMMITTEE', seats);
  term('FUNDS_AUDIT_COMMITTEE', 3);
  if (members.female >= 10) term('WOMEN_WORKERS_COMMITTEE', 3);
}
