import type { Faker } from '@faker-js/faker';
import { makeResidentId } from '@union-graph/domain';
import type { FlexibleWork, UnitRefDoc } from '@union-graph/members/seeding';
import { membersByCounty } from './counties';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';
import { AS_OF } from './shape';
import { homeCounty, joinableFrom } from './true-to-life';

/**
 * Membership as §6 and §8 have it, over the registry the tree walk made:
 * - 源头入会 (§8, R12): every member without an employer on record works for the unit their union
 *   covers (a grassroots union's own unit), so the join-at-source check holds for the seeded registry.
 * - 新就业形态和零散就业 (§6): in every county a sectoral federation of couriers (XX区快递行业工会联合会),
 *   and riders, ride-hailing drivers and odd-job workers who joined through their street federation:
 *   4–7% of the county's members, no employer, many of them migrant workers.
 * - The unit directory members keeps of organizations' host units, as their events would build it.
 */
export function addMembership(plan: SeedPlan, faker: Faker): void {
  const coveredBy = new Map(plan.coverages.map((c) => [c.unitId, c.organizationId]));
  const unitOf = new Map(plan.coverages.filter((c) => c.own).map((c) => [c.organizationId, c.unitId]));
  const creditCodeOf = new Map(plan.hostUnits.map((u) => [u._id, u.creditCode]));
  for (const m of plan.members) {
    const unit = unitOf.get(m.organizationId);
    if (m.employerCreditCode == null && unit) m.employerCreditCode = creditCodeOf.get(unit) ?? null;
  }
  // One at a time: at the large scale a spread of every unit overflows the call stack.
  for (const u of plan.hostUnits)
    plan.unitDirectory.push({
      _id: u._id,
      creditCode: u.creditCode,
      name: u.name,
      coveredBy: coveredBy.get(u._id) ?? null,
      version: 1,
    } satisfies UnitRefDoc);

  const counties = plan.organizations.filter((o) => o.level === 'COUNTY');
  const used = new Set(plan.members.map((m) => m.residentId));
  // Counted before any flexible worker joins: each county's share follows its employed members.
  const employed = membersByCounty(plan);
  for (const county of counties)
    addFlexibleWorkers(plan, faker, county, used, employed.get(county._id)?.length ?? 0);
}

/** How flexible workers join: couriers their sectoral federation, the others their street federation. */
const KINDS: { weight: number; value: FlexibleWork }[] = [
  { weight: 4, value: 'COURIER' },
  { weight: 4, value: 'FOOD_DELIVERY_RIDER' },
  { weight: 2, value: 'RIDE_HAILING_DRIVER' },
  { weight: 1, value: 'TRUCK_DRIVER' },
  { weight: 1, value: 'SCATTERED' },
];

function addFlexibleWorkers(
  plan: SeedPlan,
  faker: Faker,
  county: OrgPlan,
  used: Set<string>,
  employed: number,
): void {
  const street = plan.organizations.find(
    (o) => o.parentId === county._id && o.type === 'TOWNSHIP_FEDERATION',
  );
  if (!street) return;
  const _id = stableId('org', county._id, 'couriers');
  const couriers: OrgPlan = {
    _id,
    name: `${county.name.replace(/总工会$/, '')}快递行业工会联合会`,
    type: 'SECTORAL_FEDERATION',
    level: 'TOWNSHIP',
    status: 'ACTIVE',
    parentId: county._id,
    path: [...county.path, _id],
    divisionCode: county.divisionCode,
    version: 1,
  };
  plan.organizations.push(couriers);
  const count = Math.max(1, Math.round(employed * faker.number.float({ min: 0.04, max: 0.07 })));
  for (let i = 0; i < count; i++) {
    const kind = i === 0 ? 'COURIER' : faker.helpers.weightedArrayElement(KINDS);
    const gender = faker.helpers.weightedArrayElement([
      { weight: 9, value: 'MALE' as const },
      { weight: 1, value: 'FEMALE' as const },
    ]);
    const birth = faker.date
      .birthdate({ min: 20, max: 50, mode: 'age', refDate: AS_OF })
      .toISOString()
      .slice(0, 10);
    let sequence = faker.number.int({ min: 0, max: 498 }) * 2 + (gender === 'MALE' ? 1 : 0);
    // A migrant worker's resident ID was issued in their home county.
    const migrantWorker = faker.datatype.boolean({ probability: 0.6 });
    const home = migrantWorker ? homeCounty(faker, county.divisionCode) : county.divisionCode;
    let residentId = makeResidentId(home, birth, sequence);
    // Same county, same birthday, same draw: the next number of the same parity keeps the gender.
    while (used.has(residentId)) {
      sequence = (sequence + 2) % 1000;
      residentId = makeResidentId(home, birth, sequence);
    }
    used.add(residentId);
    plan.members.push({
      _id: stableId('member', residentId),
      name: faker.person.fullName({ sex: gender === 'MALE' ? 'male' : 'female' }),
      gender,
      residentId,
      status: 'ACTIVE',
      organizationId: kind === 'COURIER' ? couriers._id : street._id,
      joinedAt: faker.date.between({ from: joinableFrom(birth, '2019-01-01'), to: AS_OF }),
      employerCreditCode: null,
      flexibleWork: kind,
      migrantWorker,
    });
  }
}
