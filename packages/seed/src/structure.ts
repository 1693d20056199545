import type { Faker } from '@faker-js/faker';
import type { DelegateContactDoc, UnionDisclosureDoc } from '@union-graph/organizations/seeding';
import { stableId } from './ids';
import type { MemberPlan, OrgPlan, SeedPlan } from './plan-types';
import { AS_OF, days } from './shape';
import { otherTownships } from './true-to-life';

const RECORDED_BY = 'seed';

const between = (faker: Faker, from: string | Date, to: string | Date) => {
  const d = faker.date.between({ from, to });
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
};

const county = (name: string) => name.replace(/总工会$/, '');
const countyShort = (name: string) =>
  county(name)
    .replace(/(区|县|市)$/, '')
    .slice(0, 2);

/**
 * §5: every other township federation of the tree was a work committee converted in 2015–2020 by
 * its county's decision; two counties in three also keep a work committee not yet converted. A
 * committee's name sorts after its county's township federation, so browsing a county's first
 * child still leads down to grassroots unions.
 */
function addWorkCommittees(plan: SeedPlan, faker: Faker, counties: OrgPlan[], townships: OrgPlan[]) {
  counties.forEach((c, i) => {
    const township = townships.find((t) => t.parentId === c._id);
    if (township && i % 2 === 0) {
      const convertedOn = between(faker, '2015-03-01', '2020-12-31');
      const year = convertedOn.getUTCFullYear();
      const fromName = township.name.replace(/总工会$/, '工会工作委员会');
      plan.orgConversions.push({
        _id: stableId('conversion', township._id),
        organizationId: township._id,
        fromType: 'TOWNSHIP_WORK_COMMITTEE',
        toType: 'TOWNSHIP_FEDERATION',
        fromName,
        toName: township.name,
        convertedOn,
        decisionNumber: `${countyShort(c.name)}工发〔${year}〕${faker.number.int({ min: 3, max: 60 })}号`,
        decisionTitle: `关于同意${fromName}转建为${township.name}的批复`,
        approvedById: c._id,
        recordedBy: RECORDED_BY,
      });
    }
    if (i % 3 === 2) return;
    // At another real township or street of the county than its township federation's.
    const names = otherTownships(c.divisionCode).map((t) => `${county(c.name)}${t.name}工会工作委员会`);
    const name = names.find((n, k) => k >= i % Math.max(1, names.length) && (!township || n > township.name));
    if (!name) return;
    const _id = stableId('org', `${c.divisionCode}-work-committee`);
    plan.organizations.push({
      _id,
      name,
      type: 'TOWNSHIP_WORK_COMMITTEE',
      level: 'TOWNSHIP',
      status: 'ACTIVE',
      parentId: c._id,
      path: [...c.path, _id],
      divisionCode: c.divisionCode,
      version: 1,
    });
  });
}

const RESOLUTIONS = ['审议通过工会工作报告', '审议通过经费审查委员会工作报告', '审议通过职工疗休养实施方案'];
const CONTACT_NOTES = [
  '走访班组，了解夜班补贴落实情况',
  '座谈收集会员对食堂伙食的意见',
  '电话回访困难会员家庭近况',
  '微信群征集职工健康体检项目建议',
];

/**
 * §18: each grassroots union held a members' assembly in 2023–2025 that elected standing delegates
 * (one from four members, two or three from ten; one assembly in seven fell short of two thirds
 * present and elected no one); §17: delegates contacted members since, one in four not within the
 * quarter before AS_OF.
 */
function addAssemblies(
  plan: SeedPlan,
  faker: Faker,
  unions: OrgPlan[],
  membersOf: Map<string, MemberPlan[]>,
) {
  unions.forEach((union, i) => {
    const members = membersOf.get(union._id) ?? [];
    if (members.length === 0) return;
    const heldOn = between(faker, '2023-01-01', '2025-12-31');
    const eligible = members.length;
    const quorate = i % 7 !== 3;
    const present = quorate
      ? faker.number.int({ min: Math.ceil((2 * eligible) / 3), max: eligible })
      : Math.ceil((2 * eligible) / 3) - 1;
    const meetingId = stableId('meeting', union._id, heldOn.toISOString());
    plan.membersMeetings.push({
      _id: meetingId,
      organizationId: union._id,
      kind: 'MEMBERS_ASSEMBLY',
      session: `第${faker.helpers.arrayElement(['二', '三', '四'])}届第一次`,
      heldOn,
      eligible,
      present,
      resolutions: quorate ? [...RESOLUTIONS.slice(0, 2), '选举产生会员代表'] : RESOLUTIONS.slice(0, 2),
      recordedBy: RECORDED_BY,
    });
    if (!quorate || members.length < 4) return;
    // R15: the union committee's term; the earlier assemblies' delegates still serve in 2026.
    const termYears = heldOn.getUTCFullYear() < 2024 ? 5 : faker.helpers.arrayElement([3, 5]);
    const elected = members.length < 10 ? 1 : faker.number.int({ min: 2, max: 3 });
    for (const member of faker.helpers.arrayElements(members, elected)) {
      const delegateId = stableId('delegate', union._id, member._id, heldOn.toISOString());
      plan.standingDelegates.push({
        _id: delegateId,
        organizationId: union._id,
        memberId: member._id,
        electedAtId: meetingId,
        termStart: heldOn,
        termYears,
        recordedBy: RECORDED_BY,
      });
      // One delegate in four last reached members more than a quarter before AS_OF.
      const overdue = plan.standingDelegates.length % 4 === 0;
      const last = overdue
        ? between(faker, heldOn, new Date(AS_OF.getTime() - days(100)))
        : between(faker, new Date(AS_OF.getTime() - days(85)), AS_OF);
      const contacts = faker.number.int({ min: 1, max: 3 });
      for (let k = 0; k < contacts; k++) {
        const contactedOn = k === 0 ? last : between(faker, heldOn, last);
        plan.delegateContacts.push({
          _id: stableId('contact', delegateId, k),
          delegateId,
          organizationId: union._id,
          contactedOn,
          method: faker.helpers.arrayElement([
            'VISIT',
            'FORUM',
            'PHONE',
            'ONLINE',
          ] as DelegateContactDoc['method'][]),
          membersReached: faker.number.int({ min: 3, max: Math.max(3, members.length) }),
          summary: faker.helpers.arrayElement(CONTACT_NOTES),
          recordedBy: RECORDED_BY,
        });
      }
    }
  });
}

const SUBJECTS: [UnionDisclosureDoc['subject'], (year: number) => string][] = [
  ['FINANCES', (y) => `${y}年度工会经费收支情况`],
  ['ELECTIONS', () => '工会委员会换届选举结果公告'],
  ['MAJOR_DECISIONS', (y) => `关于${y}年职工疗休养安排的决定`],
  ['ASSISTANCE', (y) => `${y}年困难职工帮扶资金使用情况`],
  ['WORK_REPORT', (y) => `${y}年工会工作计划`],
];
const CHANNELS: UnionDisclosureDoc['channel'][] = [
  'NOTICE_BOARD',
  'MEMBERS_MEETING',
  'ONLINE',
  'WRITTEN_NOTICE',
];

/**
 * §18 会务公开: most unions disclosed within the year before AS_OF; one in five only before it,
 * one in eight never, so the report finds both.
 */
function addDisclosures(plan: SeedPlan, faker: Faker, unions: OrgPlan[]) {
  unions.forEach((union, i) => {
    if (i % 8 === 5) return;
    const stale = i % 5 === 1;
    const from = stale ? '2023-06-01' : new Date(AS_OF.getTime() - days(360));
    const to = stale ? '2025-05-31' : AS_OF;
    const count = faker.number.int({ min: 1, max: 3 });
    for (let k = 0; k < count; k++) {
      const disclosedOn = between(faker, from, to);
      const [subject, title] = faker.helpers.arrayElement(SUBJECTS);
      plan.unionDisclosures.push({
        _id: stableId('disclosure', union._id, k),
        organizationId: union._id,
        subject,
        channel: faker.helpers.arrayElement(CHANNELS),
        title: title(disclosedOn.getUTCFullYear() - (subject === 'FINANCES' ? 1 : 0)),
        disclosedOn,
        recordedBy: RECORDED_BY,
      });
    }
  });
}

const VISIT_PURPOSES = [
  '调研工资集体协商进展',
  '指导会员代表大会筹备',
  '了解职工之家建设情况',
  '走访慰问困难职工',
];

/**
 * §17 工会联系点: each county federation's staff keep two grassroots unions of the county as
 * liaison points, visited since; every third point's last visit is more than a quarter before AS_OF.
 */
function addLiaisonPoints(plan: SeedPlan, faker: Faker, counties: OrgPlan[], unions: OrgPlan[]) {
  let n = 0;
  for (const c of counties) {
    for (const union of unions.filter((u) => u.path.includes(c._id)).slice(0, 2)) {
      const since = between(faker, '2022-01-01', '2024-12-31');
      const pointId = stableId('liaison', c._id, union._id);
      plan.liaisonPoints.push({
        _id: pointId,
        upperOrgId: c._id,
        organizationId: union._id,
        cadreId: null,
        staffName: faker.person.fullName(),
        since,
        recordedBy: RECORDED_BY,
      });
      const overdue = n++ % 3 === 0;
      const last = overdue
        ? between(faker, new Date(AS_OF.getTime() - days(300)), new Date(AS_OF.getTime() - days(120)))
        : between(faker, new Date(AS_OF.getTime() - days(80)), AS_OF);
      const visits = faker.number.int({ min: 1, max: 4 });
      for (let k = 0; k < visits; k++) {
        plan.liaisonVisits.push({
          _id: stableId('visit', pointId, k),
          pointId,
          organizationId: union._id,
          upperOrgId: c._id,
          visitedOn: k === 0 ? last : between(faker, since, last),
          purpose: faker.helpers.arrayElement(VISIT_PURPOSES),
          findings: null,
          recordedBy: RECORDED_BY,
        });
      }
    }
  }
}

/**
 * The union structure the opinion asks for beyond the tree (§5, §17, §18): work-committee
 * conversions and committees still to convert, assemblies and standing delegates with their
 * contacts, union-affairs disclosures, and liaison points with their visits.
 */
export function addStructure(plan: SeedPlan, faker: Faker): void {
  const counties = plan.organizations.filter((o) => o.type === 'LOCAL_FEDERATION' && o.level === 'COUNTY');
  const townships = plan.organizations.filter((o) => o.type === 'TOWNSHIP_FEDERATION');
  const unions = plan.organizations.filter((o) => o.type === 'GRASSROOTS');
  const membersOf = new Map<string, MemberPlan[]>();
  for (const m of plan.members) {
    const list = membersOf.get(m.organizationId);
    if (list) list.push(m);
    else membersOf.set(m.organizationId, [m]);
  }
  addWorkCommittees(plan, faker, counties, townships);
  addAssemblies(plan, faker, unions, membersOf);
  addDisclosures(
    plan,
    faker,
    plan.organizations.filter((o) => o.type === 'GRASSROOTS' || o.type === 'JOINT_GRASSROOTS'),
  );
  addLiaisonPoints(plan, faker, counties, unions);
}
