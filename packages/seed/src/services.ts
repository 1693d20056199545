import type { Faker } from '@faker-js/faker';
import { countyFinder } from './compliance';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';
import { days } from './shape';

/** The worker-services documents the plan holds, named by the plan's own fields. */
type Row<K extends keyof SeedPlan> = SeedPlan[K][number];
type StepDoc = Row<'workflowSteps'>;
type CollectiveContractDoc = Row<'collectiveContracts'>;
type LaborAlertDoc = Row<'laborAlerts'>;
type AwardNominationDoc = Row<'awardNominations'>;

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

/** One appended workflow step, keyed as the worker-services subgraph keys them. */
function step(
  subject: { _id: string },
  subjectType: string,
  name: string,
  at: Date,
  by: string,
  extra: Pick<StepDoc, 'passed' | 'note' | 'data'> = {},
  round = 1,
): StepDoc {
  return {
    _id: `${subject._id}:${name}:${round}`,
    subjectId: subject._id,
    subjectType,
    step: name,
    round,
    at,
    by,
    passed: extra.passed ?? null,
    note: extra.note ?? null,
    data: extra.data ?? null,
  };
}

const unitName = (union: OrgPlan) => union.name.replace(/工会委员会$/, '');

/**
 * A contract negotiated, signed two weeks before it starts and filed `fileAfter` days after
 * signing (never, when null), as the negotiate → sign → file workflow records it.
 */
function addContract(
  plan: SeedPlan,
  faker: Faker,
  union: OrgPlan,
  contract: Omit<CollectiveContractDoc, '_id' | 'organizationId' | 'renewsKey' | 'createdAt'>,
  fileAfter: number | null,
): CollectiveContractDoc {
  const _id = stableId('contract', union._id, contract.kind, contract.startsOn.toISOString());
  const signedOn = new Date(contract.startsOn.getTime() - days(14));
  const by = `admin-${union._id}`;
  const doc: CollectiveContractDoc = {
    _id,
    organizationId: union._id,
    ...contract,
    renewsKey: contract.renewsId ? `renewal-of:${contract.renewsId}` : _id,
    createdAt: new Date(signedOn.getTime() - days(45)),
  };
  plan.collectiveContracts.push(doc);
  const rounds = faker.number.int({ min: 1, max: 3 });
  for (let r = 1; r <= rounds; r++)
    plan.workflowSteps.push(
      step(
        doc,
        'CollectiveContract',
        'NEGOTIATE',
        new Date(signedOn.getTime() - days(10 * (rounds - r + 1))),
        by,
        {},
        r,
      ),
    );
  plan.workflowSteps.push(step(doc, 'CollectiveContract', 'SIGN', signedOn, by, { data: { signedOn } }));
  if (fileAfter !== null) {
    const filedOn = new Date(signedOn.getTime() + days(fileAfter));
    plan.workflowSteps.push(step(doc, 'CollectiveContract', 'FILE', filedOn, by, { data: { filedOn } }));
  }
  return doc;
}

/**
 * R20 (§11): every grassroots union signs a yearly wage agreement (工资专项集体合同) and a
 * three-year general collective contract, filed with the labor department within 7 days.
 * Deliberate findings as of 2026-06-30: one union in six filed its 2026 wage agreement late, one
 * in eight never filed it, one in ten let its 2025 agreement lapse unrenewed, one in nine let its
 * general contract expire in March 2026, and every fourth general contract is in its renewal window.
 * Large data sets keep the contracts of one union in `every` (each brings five or more steps).
 */
export function addCollectiveContracts(plan: SeedPlan, faker: Faker, every: number): void {
  plan.organizations
    .filter((o) => o.type === 'GRASSROOTS')
    .filter((_o, u) => u % every === 0)
    .forEach((union, i) => {
      const wage2025 = addContract(
        plan,
        faker,
        union,
        {
          kind: 'WAGE',
          title: `${unitName(union)}2025年度工资专项集体合同`,
          startsOn: utc('2025-01-01'),
          expiresOn: utc('2025-12-31'),
          renewsId: null,
        },
        faker.number.int({ min: 2, max: 6 }),
      );
      if (i % 10 !== 9) {
        addContract(
          plan,
          faker,
          union,
          {
            kind: 'WAGE',
            title: `${unitName(union)}2026年度工资专项集体合同`,
            startsOn: utc('2026-01-01'),
            expiresOn: utc('2026-12-31'),
            renewsId: wage2025._id,
          },
          i % 8 === 2 ? null : i % 6 === 1 ? 15 : faker.number.int({ min: 1, max: 7 }),
        );
      }
      const start = i % 4 === 0 ? '2023-08-01' : i % 9 === 2 ? '2023-04-01' : `2024-0${1 + (i % 9)}-01`;
      const startsOn = utc(start);
      const expiresOn = new Date(Date.UTC(startsOn.getUTCFullYear() + 3, startsOn.getUTCMonth(), 0));
      addContract(
        plan,
        faker,
        union,
        {
          kind: 'GENERAL',
          title: `${unitName(union)}集体合同（${start.slice(0, 4)}—${expiresOn.getUTCFullYear()}）`,
          startsOn,
          expiresOn,
          renewsId: null,
        },
        faker.number.int({ min: 1, max: 6 }),
      );
    });
}

const RESOLUTIONS = [
  '关于《2026年度工资集体协商方案》的决议',
  '关于企业年度工作报告的决议',
  '关于职工福利费使用情况报告的决议',
  '关于修订《劳动安全卫生管理办法》的决议',
];

/**
 * The workers' congress (职代会, §11) of every other grassroots union, held in early 2026. It
 * needs at least 30 delegates, over half of them front-line workers, and two thirds present.
 * Deliberate findings: one congress in six missed its quorum, one in eight had too few front-line
 * delegates.
 */
export function addWorkersCongresses(plan: SeedPlan, faker: Faker): void {
  const employees = new Map(plan.hostUnits.map((u) => [u._id, u.employeeCount]));
  const unitOf = new Map(plan.coverages.filter((c) => c.own).map((c) => [c.organizationId, c.unitId]));
  plan.organizations
    .filter((o) => o.type === 'GRASSROOTS')
    .forEach((union, i) => {
      if (i % 2 !== 0) return;
      const staff = employees.get(unitOf.get(union._id) ?? '') ?? 100;
      const delegates = Math.max(30, Math.min(300, Math.round(staff / 5)));
      const present = Math.ceil(
        delegates * (i % 12 === 2 ? 0.6 : faker.number.float({ min: 0.85, max: 0.98 })),
      );
      const congress: Row<'workersCongresses'> = {
        _id: stableId('congress', union._id, 2026),
        organizationId: union._id,
        term: faker.number.int({ min: 1, max: 4 }),
        session: faker.number.int({ min: 1, max: 3 }),
        heldOn: faker.date.between({ from: '2026-01-10', to: '2026-04-30' }),
        delegates,
        frontLineDelegates: Math.ceil(delegates * (i % 16 === 4 ? 0.4 : 0.6)),
        present,
        resolutions: faker.helpers.arrayElements(RESOLUTIONS, { min: 2, max: 3 }).map((title) => {
          const votesAgainst = faker.number.int({ min: 0, max: 3 });
          const abstentions = faker.number.int({ min: 0, max: 2 });
          return { title, votesFor: present - votesAgainst - abstentions, votesAgainst, abstentions };
        }),
      };
      plan.workersCongresses.push(congress);
    });
}

const ALERTS: [LaborAlertDoc['category'], string][] = [
  ['WAGE_ARREARS', '企业资金链紧张，连续两个月未足额发放工资'],
  ['SOCIAL_INSURANCE', '企业拖欠职工社会保险费三个月'],
  ['LAYOFFS', '企业订单下滑，拟裁减生产线职工'],
  ['RESTRUCTURING', '企业拟整体搬迁，职工安置方案尚未公布'],
  ['WORKING_HOURS', '旺季连续安排加班，月加班时长超过法定上限'],
];

/** Where an alert's workflow stands: warned, assessed, reported to the upper union, emergency, resolved. */
const ALERT_PATHS = [
  ['ASSESS', 'REPORT', 'RESOLVE'],
  ['ASSESS', 'REPORT'],
  ['ASSESS'],
  [],
  ['ASSESS', 'REPORT', 'EMERGENCY'],
  ['ASSESS', 'RESOLVE'],
];

/**
 * Labor-relations early warning (预警、预判、预报、紧急处置, §17) and R8 collective disputes: two
 * grassroots unions per county raised an alert in 2026, each at its own stage; every third alert
 * escalated to a collective dispute, reported to the upper union at once — except, deliberately,
 * one dispute in four reported three days late. The upper union took one in three over (上代下).
 */
export function addLaborAlerts(plan: SeedPlan, faker: Faker): void {
  const countyOf = countyFinder(plan);
  const byCounty = new Map<string, OrgPlan[]>();
  for (const o of plan.organizations.filter((x) => x.type === 'GRASSROOTS')) {
    const county = countyOf(o)?._id;
    if (county && (byCounty.get(county)?.length ?? 0) < 2)
      byCounty.set(county, [...(byCounty.get(county) ?? []), o]);
  }
  let n = 0;
  for (const unions of byCounty.values()) {
    for (const union of unions) {
      const [category, description] = ALERTS[n % ALERTS.length]!;
      const createdAt = faker.date.between({ from: '2026-01-05', to: '2026-05-20' });
      const alert: LaborAlertDoc = {
        _id: stableId('alert', union._id, n),
        organizationId: union._id,
        category,
        description: `${unitName(union)}${description}`,
        workersAffected: faker.number.int({ min: 8, max: 240 }),
        createdAt,
      };
      plan.laborAlerts.push(alert);
      const by = `admin-${union._id}`;
      ALERT_PATHS[n % ALERT_PATHS.length]!.forEach((name, s) => {
        const at = new Date(createdAt.getTime() + days(2 * (s + 1)));
        const data =
          name === 'ASSESS'
            ? { risk: faker.helpers.arrayElement(['LOW', 'MEDIUM', 'HIGH']) }
            : name === 'REPORT'
              ? { reportedToId: union.parentId }
              : null;
        plan.workflowSteps.push(step(alert, 'LaborAlert', name, at, by, { data }));
      });
      if (n % 3 === 0) addDispute(plan, faker, union, alert, plan.collectiveDisputes.length);
      n += 1;
    }
  }
}

function addDispute(plan: SeedPlan, faker: Faker, union: OrgPlan, alert: LaborAlertDoc, d: number): void {
  const occurredAt = new Date(
    alert.createdAt.getTime() + days(5) + faker.number.int({ min: 0, max: 8 }) * 3_600_000,
  );
  const dispute: Row<'collectiveDisputes'> = {
    _id: stableId('dispute', alert._id),
    organizationId: union._id,
    upperUnionId: union.parentId!,
    alertId: alert._id,
    alertKey: `escalates:${alert._id}`,
    description: `${alert.description}，${alert.workersAffected}名职工集体到企业讨要说法`,
    workersInvolved: Math.max(2, alert.workersAffected),
    occurredAt,
    createdAt: occurredAt,
  };
  plan.collectiveDisputes.push(dispute);
  const by = `admin-${union._id}`;
  const late = d % 4 === 1;
  const reportedAt = new Date(
    occurredAt.getTime() + (late ? days(3) : faker.number.int({ min: 1, max: 12 }) * 3_600_000),
  );
  plan.workflowSteps.push(step(dispute, 'CollectiveDispute', 'REPORT', reportedAt, by));
  const upper = `admin-${union.parentId}`;
  if (d % 3 === 2)
    plan.workflowSteps.push(
      step(dispute, 'CollectiveDispute', 'TAKE_OVER', new Date(reportedAt.getTime() + days(1)), upper, {
        note: '上级工会代表职工与企业协商',
      }),
    );
  if (d % 2 === 0)
    plan.workflowSteps.push(
      step(
        dispute,
        'CollectiveDispute',
        'RESOLVE',
        new Date(reportedAt.getTime() + days(6)),
        d % 3 === 2 ? upper : by,
        {
          note: '经协商企业承诺限期补发，职工复工',
        },
      ),
    );
}

/**
 * Labor competitions and awards (§18): each province runs a labor competition and each city an
 * Ankang Cup, entered by teams of its grassroots unions. Each province nominates for its May Day
 * labor award only unions whose Workers' Home holds the provincial model title (R11), a Worker
 * Vanguard team and a May Day medal for a member; the 2026 decisions were taken before May Day,
 * one nomination in five declined.
 */
export function addCompetitions(plan: SeedPlan, faker: Faker): void {
  const grassroots = plan.organizations.filter((o) => o.type === 'GRASSROOTS');
  const titled = new Set(plan.modelTitles.filter((t) => t.level === 'PROVINCE').map((t) => t.organizationId));
  const nominations: AwardNominationDoc[] = [];
  for (const fed of plan.organizations.filter((o) => o.level === 'PROVINCE' || o.level === 'CITY')) {
    const place = fed.name.replace(/总工会$/, '');
    const kind = fed.level === 'PROVINCE' ? 'LABOR_COMPETITION' : 'ANKANG_CUP';
    const competition: Row<'competitions'> = {
      _id: stableId('competition', fed._id, 2026),
      organizationId: fed._id,
      kind,
      name: kind === 'ANKANG_CUP' ? `2026年${place}“安康杯”竞赛` : `${place}“建功‘十五五’”劳动和技能竞赛`,
      year: 2026,
    };
    plan.competitions.push(competition);
    const below = grassroots.filter((o) => o.path.includes(fed._id));
    for (const union of faker.helpers.arrayElements(below, Math.min(3, below.length))) {
      plan.competitionEntries.push({
        _id: stableId('entry', competition._id, union._id),
        competitionId: competition._id,
        organizationId: union._id,
        teamName: `${unitName(union)}${faker.helpers.arrayElement(['生产一班', '维修班组', '质检班组', '安全生产班组'])}`,
      } satisfies Row<'competitionEntries'>);
    }
    if (fed.level !== 'PROVINCE' || below.length === 0) continue;
    const nominate = (
      kind: AwardNominationDoc['kind'],
      union: OrgPlan,
      name: string,
      memberId: string | null,
    ) =>
      nominations.push({
        _id: stableId('nomination', kind, fed._id, union._id, name),
        kind,
        level: 'PROVINCE',
        year: 2026,
        conferrerId: fed._id,
        nomineeOrganizationId: union._id,
        name,
        memberId,
      });
    for (const union of below.filter((o) => titled.has(o._id)))
      nominate('MAY_DAY_AWARD', union, unitName(union), null);
    const team = faker.helpers.arrayElement(below);
    nominate('WORKER_VANGUARD', team, `${unitName(team)}技术攻关班组`, null);
    const medalist = faker.helpers.arrayElement(below);
    const member = plan.members.find((m) => m.organizationId === medalist._id);
    if (member) nominate('MAY_DAY_MEDAL', medalist, member.name, member._id);
  }
  nominations.forEach((n, i) => {
    plan.awardNominations.push(n);
    plan.workflowSteps.push(
      step(n, 'AwardNomination', 'DECIDE', utc('2026-04-28'), `admin-${n.conferrerId}`, {
        passed: i % 5 !== 4,
      }),
    );
  });
}

const BENEFITS: [Row<'benefitPrograms'>['category'], string, number, boolean][] = [
  ['HEALTH_CHECK', '会员普惠健康体检', 1, false],
  ['HOLIDAY_GIFT', '春节“送温暖”慰问', 1, false],
  ['CULTURE_SPORTS', '职工文体惠民观影', 6, false],
  ['INSURANCE', '职工互助保障计划', 1, false],
  ['OTHER', '困难职工子女金秋助学', 1, true],
];

/** 会员普惠制 (§13): each county federation offers its members a few benefit programs in 2026. */
export function addBenefits(plan: SeedPlan, faker: Faker): void {
  for (const county of plan.organizations.filter((o) => o.level === 'COUNTY')) {
    for (const [category, name, perMemberLimit, hardshipOnly] of faker.helpers.arrayElements(BENEFITS, 3)) {
      plan.benefitPrograms.push({
        _id: stableId('benefit', county._id, name),
        organizationId: county._id,
        name: `${county.name.replace(/总工会$/, '')}${name}`,
        category,
        perMemberLimit,
        hardshipOnly,
        validFrom: utc('2026-01-01'),
        validUntil: utc('2026-12-31'),
      } satisfies Row<'benefitPrograms'>);
    }
  }
}
