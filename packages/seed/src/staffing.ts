import type { Faker } from '@faker-js/faker';
import type { CadreDoc } from '@union-graph/cadres/seeding';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';

/** Who R3 (§5) and R4 (§6) ask full-time cadres of: township, park, regional and sectoral federations. */
const VICE_CHAIR_TYPES = ['TOWNSHIP_FEDERATION', 'DEV_ZONE_UNION'];
const STAFF_TYPES = ['REGIONAL_FEDERATION', 'SECTORAL_FEDERATION'];

/**
 * R3 and R4 as the demo shows them: most township and street federations have the full-time
 * vice-chair §5 asks for, appointed by the county federation, and every fourth has only a full-time
 * clerk (专职干事) — which R3 does not count, so the staffing report finds those streets short. Regional
 * and sectoral federations have their full-time staff member, except every third. The holders are
 * members of a union the federation leads (seconded to it), or of the federation itself where its
 * members join it directly, so the registry stays as it was.
 */
export function addStaffing(plan: SeedPlan, faker: Faker): void {
  const holding = new Set(plan.cadres.map((c) => c.memberId));
  const membersOf = new Map<string, string[]>();
  for (const m of plan.members)
    membersOf.set(m.organizationId, [...(membersOf.get(m.organizationId) ?? []), m._id]);
  const free = (ids: string[] = []) => ids.filter((id) => !holding.has(id));
  // A federation whose members belong to it directly (couriers of a sectoral one) staffs from them.
  const candidatesOf = (fed: OrgPlan) => {
    const below = plan.organizations
      .filter((o) => o.parentId === fed._id)
      .flatMap((o) => membersOf.get(o._id) ?? []);
    return below.length > 0 ? free(below) : free(membersOf.get(fed._id));
  };
  const appoint = (fed: OrgPlan, position: 'VICE_CHAIR' | 'FULL_TIME_STAFF') => {
    const candidates = candidatesOf(fed);
    if (candidates.length === 0) return;
    const memberId = faker.helpers.arrayElement(candidates);
    holding.add(memberId);
    const _id = stableId('cadre', fed._id, position);
    plan.fullTimeCadres.push({
      _id,
      organizationId: fed._id,
      memberId,
      position,
      fullTime: true,
      source: 'APPOINTED',
      status: 'SERVING',
      termStart: faker.date.between({ from: '2019-01-01', to: '2025-12-31' }),
      termEnd: null,
      endReason: null,
      electionId: null,
      contractWorkerId: null,
      seatKey: _id,
      version: 1,
    } satisfies CadreDoc);
  };
  plan.organizations
    .filter((o) => VICE_CHAIR_TYPES.includes(o.type))
    .forEach((fed, i) => {
      appoint(fed, i % 4 === 3 ? 'FULL_TIME_STAFF' : 'VICE_CHAIR');
    });
  plan.organizations
    .filter((o) => STAFF_TYPES.includes(o.type))
    .forEach((fed, i) => {
      if (i % 3 !== 2) appoint(fed, 'FULL_TIME_STAFF');
    });
}
