import type { Faker } from '@faker-js/faker';
import type { CadreDoc, ContractWorkerDoc, ContractWorkerStepDoc } from '@union-graph/cadres/seeding';
import { stableId } from './ids';
import type { SeedPlan } from './plan-types';

const DUTIES = [
  '走访辖区非公企业，宣传工会法，动员职工入会',
  '协助街道总工会办理会员会籍接转',
  '组织开展“工会进万家”送清凉活动',
  '参与企业工资集体协商要约准备',
  '受理职工来访，协调劳动关系问题',
];

const GRADES = ['EXCELLENT', 'COMPETENT', 'COMPETENT', 'BASICALLY_COMPETENT'] as const;

type Step = Omit<ContractWorkerStepDoc, '_id'>;

/**
 * 社会化工会工作者 (§7): each county federation recruits two contract union workers from its unions'
 * members and assigns them as full-time staff of its street federations, through the lifecycle
 * 选聘→使用→履职→考核→退出. Deliberate gaps: one worker in four has no assessment for 2025, and
 * the second worker of every third county left in 2026 when the contract ran out.
 */
export function addContractWorkers(plan: SeedPlan, faker: Faker): void {
  const holding = new Set([...plan.cadres, ...plan.fullTimeCadres].map((c) => c.memberId));
  const streetsOf = new Map<string, string[]>();
  for (const o of plan.organizations.filter((x) => x.type === 'TOWNSHIP_FEDERATION'))
    streetsOf.set(o.parentId!, [...(streetsOf.get(o.parentId!) ?? []), o._id]);
  const countyOfUnion = new Map<string, string>();
  for (const o of plan.organizations)
    for (const id of o.path) if (streetsOf.has(id)) countyOfUnion.set(o._id, id);
  const candidates = new Map<string, string[]>();
  for (const m of plan.members) {
    const county = countyOfUnion.get(m.organizationId);
    if (county && !holding.has(m._id) && (candidates.get(county)?.length ?? 0) < 2)
      candidates.set(county, [...(candidates.get(county) ?? []), m._id]);
  }
  let n = 0;
  [...candidates].forEach(([countyId, memberIds], c) => {
    memberIds.forEach((memberId, k) => {
      const streetId = streetsOf.get(countyId)![k % streetsOf.get(countyId)!.length]!;
      const _id = stableId('contract-worker', memberId);
      const recruitedOn = faker.date.between({ from: '2022-03-01', to: '2024-09-30' });
      const assignedOn = new Date(recruitedOn.getTime() + 14 * 86_400_000);
      const cadreId = stableId('cadre', _id, 'assignment', 1);
      const exitedOn =
        k === 1 && c % 3 === 0 ? faker.date.between({ from: '2026-02-01', to: '2026-05-31' }) : null;
      const steps: Step[] = [
        { ...blank(_id), kind: 'RECRUIT', on: recruitedOn, stepKey: `${_id}:RECRUIT` },
        {
          ...blank(_id),
          kind: 'ASSIGN',
          on: assignedOn,
          stepKey: `${_id}:ASSIGN:1`,
          assignedOrganizationId: streetId,
          cadreId,
        },
      ];
      for (const summary of faker.helpers.arrayElements(DUTIES, 2)) {
        steps.push({
          ...blank(_id),
          kind: 'DUTY',
          on: faker.date.between({ from: assignedOn, to: '2025-11-30' }),
          stepKey: stableId('duty', _id, summary),
          assignedOrganizationId: streetId,
          summary,
        });
      }
      steps.sort((a, b) => +a.on - +b.on);
      if (n++ % 4 !== 3)
        steps.push({
          ...blank(_id),
          kind: 'ASSESSMENT',
          on: new Date('2026-01-15T02:00:00Z'),
          stepKey: `${_id}:ASSESSMENT:2025`,
          assignedOrganizationId: streetId,
          year: 2025,
          grade: faker.helpers.arrayElement(GRADES),
        });
      if (exitedOn)
        steps.push({
          ...blank(_id),
          kind: 'EXIT',
          on: exitedOn,
          stepKey: `${_id}:EXIT`,
          summary: '劳动合同期满，本人不再续聘',
        });
      plan.contractWorkers.push({
        _id,
        memberId,
        organizationId: countyId,
        recruitedOn,
        version: steps.length,
      } satisfies ContractWorkerDoc);
      plan.contractWorkerSteps.push(
        ...steps.map((s) => ({ ...s, _id: stableId('contract-worker-step', s.stepKey) })),
      );
      plan.fullTimeCadres.push({
        _id: cadreId,
        organizationId: streetId,
        memberId,
        position: 'FULL_TIME_STAFF',
        fullTime: true,
        source: 'CONTRACT_WORKER',
        status: exitedOn ? 'ENDED' : 'SERVING',
        termStart: assignedOn,
        termEnd: exitedOn,
        endReason: exitedOn ? 'EXITED' : null,
        electionId: null,
        contractWorkerId: _id,
        seatKey: cadreId,
        version: 1,
      } satisfies CadreDoc);
    });
  });
}

function blank(workerId: string) {
  return { workerId, assignedOrganizationId: null, cadreId: null, summary: null, year: null, grade: null };
}
