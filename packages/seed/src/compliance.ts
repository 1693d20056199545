import type { Faker } from '@faker-js/faker';
import {
  type AnnualReviewDoc,
  SIX_HAVES,
  type SixHavesAssessmentDoc,
} from '@union-graph/organizations/seeding';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';

/** The year the demo's six-haves round assessed (held in the first quarter of the next). */
export const ASSESSED_YEAR = 2025;

const GRASSROOTS_UNION_TYPES = ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY'];

/** What the assessment team found for each of the six haves: the evidence met, the gap missed. */
const FINDINGS: Record<(typeof SIX_HAVES)[number], [string, string]> = {
  ELECTED_CHAIR: ['会员大会差额选举产生工会主席，报上级工会批复', '工会主席由行政指派，未经会员大会选举'],
  SOUND_STRUCTURE: [
    '工会委员会、经费审查委员会、女职工委员会同届选举产生',
    '经费审查委员会未随工会委员会换届',
  ],
  SERVICE_CARRIERS: ['建有职工之家和职工书屋，全年开展活动12次', '无固定活动场所，全年仅开展活动2次'],
  SOUND_SYSTEMS: ['会务公开、民主管理、经费管理制度齐全并上墙', '缺少会务公开制度，职代会制度未落实'],
  SELF_MANAGED_FUNDS: ['独立开设工会经费账户，经费按规定使用', '工会经费由企业财务代管，未独立建账'],
  MEMBER_SATISFACTION: ['会员评家满意率93%', '会员评家满意率71%，低于90%'],
};

/** Criteria a union most often falls short on, first the commonest. */
const WEAK_SPOTS: (typeof SIX_HAVES)[number][] = [
  'MEMBER_SATISFACTION',
  'SELF_MANAGED_FUNDS',
  'SOUND_SYSTEMS',
  'SERVICE_CARRIERS',
  'SOUND_STRUCTURE',
];

/** The county federation above each organization, looked up along its path. */
export function countyFinder(plan: SeedPlan): (org: OrgPlan) => OrgPlan | undefined {
  const counties = new Map(plan.organizations.filter((o) => o.level === 'COUNTY').map((o) => [o._id, o]));
  return (org) => org.path.map((id) => counties.get(id)).find(Boolean);
}

/**
 * R5 as the demo shows it: the county federations assessed their grassroots unions on the six
 * haves for 2025. Deliberate findings: the first province reaches the 80% goal (one union in
 * eight falls short), the second falls below it (one in four short, and one in ten was never
 * assessed, which R5 counts as not meeting the six haves), the others below it too (one in three short).
 */
export function addSixHaves(plan: SeedPlan, faker: Faker): void {
  const provinces = plan.organizations.filter((o) => o.level === 'PROVINCE').map((o) => o._id);
  const seen = new Map<string, number>();
  const countyOf = countyFinder(plan);
  for (const union of plan.organizations.filter((o) => GRASSROOTS_UNION_TYPES.includes(o.type))) {
    const p = provinces.indexOf(union.path[1]!);
    const k = seen.get(union.path[1]!) ?? 0;
    seen.set(union.path[1]!, k + 1);
    if (p === 1 && k % 10 === 6) continue;
    const short = p === 0 ? k % 8 === 3 : p === 1 ? k % 4 === 1 : k % 3 === 2;
    const missed = new Set(
      short ? faker.helpers.arrayElements(WEAK_SPOTS.slice(0, 3), { min: 1, max: 2 }) : [],
    );
    const county = countyOf(union);
    plan.sixHavesAssessments.push({
      _id: `${union._id}:${ASSESSED_YEAR}`,
      organizationId: union._id,
      year: ASSESSED_YEAR,
      items: SIX_HAVES.map((criterion) => ({
        criterion,
        met: !missed.has(criterion),
        evidence: FINDINGS[criterion][missed.has(criterion) ? 1 : 0],
      })),
      compliant: missed.size === 0,
      assessor: `${county?.name ?? '上级工会'}“六有”考核组`,
      assessedBy: `admin-${county?._id ?? union.parentId}`,
      assessedOn: faker.date.between({ from: '2026-01-05', to: '2026-03-31' }),
    } satisfies SixHavesAssessmentDoc);
  }
}

const OUTCOMES = ['优秀', '良好', '良好', '合格', '合格', '基本合格'];

const NOTES = [
  '听取工作汇报，查阅台账资料，组织会员代表测评',
  '重点评议职工之家建设和会务公开情况',
  '评议工会经费收支和民主管理落实情况',
];

/**
 * R10: each union's direct upper union held its annual review meeting (考核评议会) within the year
 * before the demo's day (2026-06-30). Deliberate findings: one union in nine was last reviewed in
 * late 2024, and one in thirteen has never been reviewed.
 */
export function addAnnualReviews(plan: SeedPlan, faker: Faker): void {
  plan.organizations
    .filter((o) => o.parentId !== null)
    .forEach((org, i) => {
      if (i % 13 === 7) return;
      const overdue = i % 9 === 4;
      const heldOn = overdue
        ? faker.date.between({ from: '2024-10-08', to: '2024-12-20' })
        : faker.date.between({ from: '2025-09-01', to: '2026-06-15' });
      plan.annualReviews.push({
        _id: stableId('review', org._id, heldOn.getUTCFullYear()),
        organizationId: org._id,
        reviewerId: org.parentId!,
        heldOn,
        outcome: faker.helpers.arrayElement(OUTCOMES),
        notes: faker.helpers.arrayElement(NOTES),
        recordedBy: `admin-${org.parentId}`,
      } satisfies AnnualReviewDoc);
    });
}
