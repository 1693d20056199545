import type { MemberPlan, SeedPlan } from './plan-types';

/**
 * The members under each county federation, in plan order, for passes that visit every county: one
 * sweep over the plan instead of one per county (at the large scale, 1,500 counties × a million
 * members). `where` picks the organizations whose members count (all by default).
 */
export function membersByCounty(
  plan: SeedPlan,
  where: (org: SeedPlan['organizations'][number]) => boolean = () => true,
): Map<string, MemberPlan[]> {
  const counties = new Set(plan.organizations.filter((o) => o.level === 'COUNTY').map((o) => o._id));
  const countyOf = new Map<string, string>();
  for (const o of plan.organizations) {
    const county = where(o) ? o.path.find((id) => counties.has(id)) : undefined;
    if (county) countyOf.set(o._id, county);
  }
  const byCounty = new Map<string, MemberPlan[]>();
  for (const m of plan.members) {
    const county = countyOf.get(m.organizationId);
    if (county) (byCounty.get(county) ?? byCounty.set(county, []).get(county)!).push(m);
  }
  return byCounty;
}
