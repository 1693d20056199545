import type { Faker } from '@faker-js/faker';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';
import { days } from './shape';

type ContractDoc = SeedPlan['collectiveContracts'][number];

/** Restaurants and eateries among a street's units, by what their names say they sell. */
const CATERING = /餐饮|酒店|菜馆|面馆|饭店|酒家/;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/**
 * A street federation's contract for many units, signed after `rounds` negotiations two weeks
 * before it starts and filed `fileAfter` days later, with each unit listed at its employee count.
 */
function addMultiUnitContract(
  plan: SeedPlan,
  street: OrgPlan,
  contract: Pick<
    ContractDoc,
    'kind' | 'scope' | 'industry' | 'area' | 'employerSide' | 'title' | 'startsOn' | 'expiresOn'
  >,
  units: SeedPlan['hostUnits'],
  coveredBy: Map<string, string>,
  { rounds, fileAfter }: { rounds: number; fileAfter: number },
): void {
  const _id = stableId(
    'contract',
    street._id,
    contract.kind,
    contract.scope ?? '',
    contract.startsOn.toISOString(),
  );
  const signedOn = new Date(contract.startsOn.getTime() - days(14));
  const filedOn = new Date(signedOn.getTime() + days(fileAfter));
  plan.collectiveContracts.push({
    _id,
    organizationId: street._id,
    ...contract,
    renewsId: null,
    renewsKey: _id,
    createdAt: new Date(signedOn.getTime() - days(60)),
  });
  const by = `admin-${street._id}`;
  const recorded = (step: string, round: number, at: Date, data: Record<string, unknown> | null) =>
    plan.workflowSteps.push({
      _id: `${_id}:${step}:${round}`,
      subjectId: _id,
      subjectType: 'CollectiveContract',
      step,
      round,
      at,
      by,
      passed: null,
      note: step === 'NEGOTIATE' ? `第${round}轮协商` : null,
      data,
    });
  for (let r = 1; r <= rounds; r++)
    recorded('NEGOTIATE', r, new Date(signedOn.getTime() - days(12 * (rounds - r + 1))), null);
  recorded('SIGN', 1, signedOn, { signedOn });
  recorded('FILE', 1, filedOn, { filedOn });
  for (const u of units)
    plan.coveredUnits.push({
      _id: `${_id}:${u._id}`,
      contractId: _id,
      organizationId: street._id,
      hostUnitId: u._id,
      unitName: u.name,
      coveringUnionId: coveredBy.get(u._id)!,
      workersCovered: Math.max(1, u.employeeCount),
      kind: contract.kind,
      startsOn: contract.startsOn,
      expiresOn: contract.expiresOn,
      removedOn: null,
      createdAt: signedOn,
    });
}

/**
 * §12 行业性、区域性工资集体协商: every street federation negotiates for the units of its street.
 * - 餐饮行业工资专项集体合同 for 2026 with the street's catering association, covering its
 *   restaurants, eateries and hotels (the yearly wage contract, in its R20 renewal window from
 *   2 November 2026);
 * - 区域性集体合同 for 2025–2027 with the street's enterprise representatives, covering the small
 *   units of its joint unions (个体工商户 and small firms), the case the opinion has in mind.
 * Only units a union covers are listed: their union places them in the street (unit directory).
 */
export function addSectoralBargaining(plan: SeedPlan, faker: Faker): void {
  const coveredBy = new Map(plan.coverages.map((c) => [c.unitId, c.organizationId]));
  const unionOf = new Map(plan.organizations.map((o) => [o._id, o]));
  // Each covered unit under every union above its own, in the plan's order: one pass, where a
  // filter of every unit per street made planning the large scale quadratic.
  const unitsUnder = new Map<string, SeedPlan['hostUnits']>();
  for (const u of plan.hostUnits) {
    const union = unionOf.get(coveredBy.get(u._id) ?? '');
    if (!union) continue;
    for (const above of new Set(union.path)) {
      if (above === union._id) continue;
      const units = unitsUnder.get(above);
      if (units) units.push(u);
      else unitsUnder.set(above, [u]);
    }
  }
  for (const street of plan.organizations.filter((o) => o.type === 'TOWNSHIP_FEDERATION')) {
    const place = street.name.replace(/总工会$/, '');
    const units = unitsUnder.get(street._id) ?? [];
    const catering = units.filter((u) => CATERING.test(u.name));
    if (catering.length > 0)
      addMultiUnitContract(
        plan,
        street,
        {
          kind: 'WAGE',
          scope: 'SECTORAL',
          industry: '餐饮',
          area: null,
          employerSide: `${place}餐饮行业协会`,
          title: `${place}餐饮行业2026年度工资专项集体合同`,
          startsOn: day('2026-01-01'),
          expiresOn: day('2026-12-31'),
        },
        catering,
        coveredBy,
        { rounds: faker.number.int({ min: 2, max: 4 }), fileAfter: faker.number.int({ min: 1, max: 6 }) },
      );
    const small = units.filter((u) => unionOf.get(coveredBy.get(u._id)!)?.type === 'JOINT_GRASSROOTS');
    if (small.length > 0)
      addMultiUnitContract(
        plan,
        street,
        {
          kind: 'GENERAL',
          scope: 'REGIONAL',
          industry: null,
          area: place,
          employerSide: `${place}企业方协商代表`,
          title: `${place}2025—2027年区域性集体合同`,
          startsOn: day('2025-01-01'),
          expiresOn: day('2027-12-31'),
        },
        small,
        coveredBy,
        { rounds: faker.number.int({ min: 1, max: 3 }), fileAfter: faker.number.int({ min: 2, max: 10 }) },
      );
  }
}
