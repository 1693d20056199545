import type { Faker } from '@faker-js/faker';
import { type AssistanceCaseDoc, HARDSHIP_LEVELS, type StepDoc } from '@union-graph/worker-services/seeding';
import { membersByCounty } from './counties';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';
import { AS_OF, days } from './shape';

/** Area codes of the cities the small data sets start with; elsewhere a plausible one is drawn. */
const AREA_CODES: Record<string, string> = {
  '1101': '010',
  '4401': '020',
  '4402': '0751',
  '4403': '0755',
  '4101': '0371',
  '4102': '0371',
  '3101': '021',
  '5101': '028',
  '3301': '0571',
};

const HOURS = [
  '周一至周五 8:30-12:00，14:00-17:30',
  '周一至周六 9:00-17:00',
  '工作日 8:30-17:30，节假日值班',
];

/** How far the cases of one county have come: most closed, some in progress, a few turned down. */
const STAGES = ['CLOSED', 'ASSISTING', 'CLOSED', 'APPROVED', 'REVIEWED', 'SUBMITTED', 'CLOSED', 'REJECTED'];

const KINDS = ['CASH', 'GOODS', 'MEDICAL', 'EDUCATION'] as const;

/** What brings a family to each hardship level: the causes recorded and the household's story. */
const SITUATIONS: Record<(typeof HARDSHIP_LEVELS)[number], [AssistanceCaseDoc['causes'], string][]> = {
  DEEP: [
    [['ILLNESS'], '家庭主要劳动力患重病，长期治疗，家庭收入低于当地低保标准'],
    [['DISABILITY', 'LOW_INCOME'], '本人因工致残，丧失部分劳动能力，家庭人均收入低于当地低保标准'],
  ],
  RELATIVE: [
    [['CHILD_EDUCATION'], '两个子女在读大学，家庭人均收入略高于当地低保标准'],
    [['UNEMPLOYMENT', 'LOW_INCOME'], '配偶失业，靠本人工资维持全家生活'],
  ],
  ACCIDENTAL: [
    [['DISASTER'], '家中突遭火灾，房屋受损，生活一时陷入困难'],
    [['ACCIDENT'], '子女遭遇交通事故，医疗费用负担沉重'],
  ],
};

/** The steps a case took to reach `stage`: review, approval by the upper union, assistance, closing. */
function caseSteps(faker: Faker, caseId: string, openedAt: Date, stage: string, by: string): StepDoc[] {
  const path: [string, boolean | null][] = [];
  if (stage !== 'SUBMITTED') path.push(['REVIEW', stage !== 'REJECTED']);
  if (['APPROVED', 'ASSISTING', 'CLOSED'].includes(stage)) path.push(['APPROVE', true]);
  if (['ASSISTING', 'CLOSED'].includes(stage)) path.push(['ASSIST', null]);
  if (stage === 'CLOSED') path.push(['CLOSE', null]);
  return path.map(([step, passed], i) => ({
    _id: `${caseId}:${step}:1`,
    subjectId: caseId,
    subjectType: 'AssistanceCase',
    step,
    round: 1,
    at: new Date(openedAt.getTime() + days(7 * (i + 1))),
    by,
    passed,
    note: null,
    data:
      step === 'ASSIST'
        ? { kind: faker.helpers.arrayElement(KINDS), amount: faker.number.int({ min: 10, max: 60 }) * 10_000 }
        : null,
  }));
}

/**
 * §13: every county federation runs a worker assistance service center (XX区职工帮扶服务中心), and the
 * hardship cases of its unions' members are received there — a few still waiting at their union,
 * not yet routed. Cases are opened at least two months before the demo's day, so every step of them
 * has happened by then.
 */
export function addCenters(plan: SeedPlan, faker: Faker): void {
  const counties = plan.organizations.filter((o) => o.type === 'LOCAL_FEDERATION' && o.level === 'COUNTY');
  const grassrootsMembers = membersByCounty(plan, (o) => o.type === 'GRASSROOTS');
  for (const county of counties) {
    const place = county.name.replace(/总工会$/, '');
    const center = {
      _id: stableId('center', county._id),
      organizationId: county._id,
      name: `${place}职工帮扶服务中心`,
      address: `${place}${faker.location.street()}${faker.number.int({ min: 1, max: 300 })}号`,
      phone: `${AREA_CODES[county.divisionCode.slice(0, 4)] ?? `0${faker.number.int({ min: 310, max: 999 })}`}-${faker.string.numeric({ length: 8, allowLeadingZeros: false })}`,
      openingHours: faker.helpers.arrayElement(HOURS),
      createdAt: faker.date.between({ from: '2012-01-01', to: '2020-12-31' }),
    };
    plan.assistanceCenters.push(center);
    const members = grassrootsMembers.get(county._id) ?? [];
    const count = Math.min(members.length, faker.number.int({ min: 3, max: 6 }));
    faker.helpers.arrayElements(members, count).forEach((m, i) => {
      addCase(plan, faker, county, m, center._id, STAGES[(plan.assistanceCases.length + i) % STAGES.length]!);
    });
  }
}

function addCase(
  plan: SeedPlan,
  faker: Faker,
  county: OrgPlan,
  member: SeedPlan['members'][number],
  centerId: string,
  stage: string,
): void {
  const _id = stableId('assistance', member._id);
  const level = faker.helpers.arrayElement(HARDSHIP_LEVELS);
  const [causes, description] = faker.helpers.arrayElement(SITUATIONS[level]);
  const createdAt = faker.date.between({ from: '2024-01-01', to: new Date(AS_OF.getTime() - days(60)) });
  plan.assistanceCases.push({
    _id,
    organizationId: member.organizationId,
    divisionCode: county.divisionCode,
    memberId: member._id,
    level,
    causes,
    household: {
      size: faker.number.int({ min: 2, max: 6 }),
      monthlyIncomePerHead: faker.number.int({ min: 300, max: 1500 }) * 100,
      description,
    },
    // A case still waiting for its union's review has not reached the center yet.
    centerId: stage === 'SUBMITTED' ? null : centerId,
    centerOrganizationId: stage === 'SUBMITTED' ? null : county._id,
    createdAt,
  } satisfies AssistanceCaseDoc);
  plan.workflowSteps.push(...caseSteps(faker, _id, createdAt, stage, `admin-${county._id}`));
}
