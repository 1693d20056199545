import type { Faker } from '@faker-js/faker';
import { registryCountsOf } from '@union-graph/members/seeding';
import type { SeedPlan } from './plan-types';

/** Of the union committees R14 asks for one (1–9 female members), the share that has named one. */
const NAMED_SHARE = 0.85;

/**
 * R14 below 10 female members: most union committees include a women-workers member (女职工委员),
 * some have not named one yet, so the committee check has a few to show. Decided on the registry's
 * counts, as organizations decides it.
 */
export function addWomenWorkersMembers(plan: SeedPlan, faker: Faker): void {
  const female = new Map(
    registryCountsOf(plan.members).map((e) => [e.id, (e.data as { femaleMembers: number }).femaleMembers]),
  );
  for (const term of plan.committeeTerms) {
    const women = female.get(term.organizationId) ?? 0;
    if (term.type === 'UNION_COMMITTEE' && women >= 1 && women < 10)
      term.womenWorkersMember = faker.datatype.boolean(NAMED_SHARE);
  }
}
