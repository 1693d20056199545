import type { Faker } from '@faker-js/faker';
import {
  type AgreementDoc,
  type FundsAuditDoc,
  type PostingDoc,
  type PostingDraft,
  postingDocument,
  type SubsidyPlanDoc,
} from '@union-graph/funds/seeding';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';

const YUAN = 100;

/** The national federation's subsidy plans: year, township share of the plan, and when it was paid. */
const PLANS = [
  { year: 2024, townshipShare: 0.105, paidOn: '2024-03-15' },
  { year: 2025, townshipShare: 0.12, paidOn: '2025-03-18' },
];

/** What a township federation spends its earmarked subsidy on, and in which month of the year. */
const EARMARKED_SPENDING = [
  { category: 'WORKER_SERVICES', month: '06', share: 0.6, memo: '街道职工服务站运行和困难职工帮扶' },
  { category: 'WORKER_ACTIVITIES', month: '11', share: 0.4, memo: '辖区新业态劳动者入会和关爱活动' },
];

/** The four lines of a grant down the tree, as the funds subgraph books a transfer or a plan. */
function grantLines(fromId: string, to: { id: string; amount: number; earmark: string | null }[]) {
  const total = to.reduce((a, t) => a + t.amount, 0);
  return [
    { organizationId: fromId, book: 'EXPENSE' as const, category: 'SUBSIDY_TO_LOWER', debit: total },
    { organizationId: fromId, book: 'FUNDS' as const, credit: total },
    ...to.flatMap((t) => [
      { organizationId: t.id, book: 'FUNDS' as const, debit: t.amount, earmark: t.earmark },
      { organizationId: t.id, book: 'INCOME' as const, category: 'SUBSIDY_FROM_UPPER', credit: t.amount },
    ]),
  ];
}

function seedPosting(draft: PostingDraft): PostingDoc {
  return { ...postingDocument(draft, 'seed'), createdAt: draft.postedOn };
}

function grant(
  key: string,
  national: OrgPlan,
  postedOn: Date,
  memo: string,
  to: Parameters<typeof grantLines>[1],
) {
  return seedPosting({
    idempotencyKey: key,
    kind: 'SUBSIDY',
    bookOrgId: national._id,
    postedOn,
    memo,
    lines: grantLines(national._id, to),
  });
}

/** A township spends the year's earmarked subsidy in full and on its own work only (R9), as `spend` books it. */
function spendEarmark(townshipId: string, year: number, amount: number): PostingDoc[] {
  let left = amount;
  return EARMARKED_SPENDING.map(({ category, month, share, memo }, i) => {
    const spent = i === EARMARKED_SPENDING.length - 1 ? left : Math.round(amount * share);
    left -= spent;
    return seedPosting({
      idempotencyKey: `seed:earmark-spending:${townshipId}:${year}-${month}`,
      kind: 'GENERAL',
      bookOrgId: townshipId,
      postedOn: new Date(`${year}-${month}-20T02:00:00Z`),
      memo,
      lines: [
        { organizationId: townshipId, book: 'EXPENSE', category, debit: spent },
        { organizationId: townshipId, book: 'FUNDS', credit: spent, earmark: 'TOWNSHIP' },
      ],
    });
  });
}

/**
 * R9 (§19): the national federation's yearly subsidy plans to the provinces earmark a share for
 * the township and street federations (TOWNSHIP), paid out as one posting each, as
 * `disburseSubsidyPlan` books them; each township spends its share within the year. The
 * deliberate shortfall is 2024: the plan itself earmarks 10.5%, but an ad-hoc flood-relief subsidy
 * to the first province (unearmarked, as `transfer` allows) brings the year's township share below
 * 10%. 2025 earmarks 12% and complies; 2026's plan is not yet made on the demo's day.
 */
export function addSubsidies(plan: SeedPlan, faker: Faker): void {
  const national = plan.organizations.find((o) => o.type === 'NATIONAL_FEDERATION')!;
  const provinces = plan.organizations.filter((o) => o.level === 'PROVINCE');
  const townships = plan.organizations.filter((o) => o.type === 'TOWNSHIP_FEDERATION');
  if (provinces.length === 0 || townships.length === 0) return;
  for (const { year, townshipShare, paidOn } of PLANS) {
    const toTownships = townships.map((t) => ({
      recipientId: t._id,
      amount: faker.number.int({ min: 30, max: 80 }) * 10_000 * YUAN,
      earmark: 'TOWNSHIP',
    }));
    const earmarked = toTownships.reduce((a, t) => a + t.amount, 0);
    // Whole yuan per province, rounded down, so the plan's share never dips under `townshipShare`.
    const perProvince =
      Math.floor((earmarked * (1 - townshipShare)) / townshipShare / provinces.length / YUAN) * YUAN;
    const items = [
      ...provinces.map((p) => ({ recipientId: p._id, amount: perProvince, earmark: null })),
      ...toTownships,
    ];
    const total = items.reduce((a, i) => a + i.amount, 0);
    const subsidyPlan: SubsidyPlanDoc = {
      _id: stableId('subsidy-plan', year),
      funderId: national._id,
      year,
      items,
      total,
      earmarked,
      orgIds: [national._id, ...items.map((i) => i.recipientId)],
      createdAt: new Date(`${year}-01-20T02:00:00Z`),
    };
    plan.subsidyPlans.push(subsidyPlan);
    plan.postings.push(
      grant(
        `subsidy-plan:${subsidyPlan._id}`,
        national,
        new Date(`${paidOn}T02:00:00Z`),
        `${year} 补助计划 Subsidy plan`,
        items.map((i) => ({ id: i.recipientId, amount: i.amount, earmark: i.earmark })),
      ),
    );
    for (const t of toTownships) plan.postings.push(...spendEarmark(t.recipientId, year, t.amount));
    if (year === 2024) {
      plan.postings.push(
        grant(
          'seed:subsidy:2024-flood-relief',
          national,
          new Date('2024-07-12T02:00:00Z'),
          `${provinces[0]!.name}汛期受灾困难职工救助补助`,
          [{ id: provinces[0]!._id, amount: Math.round(total * 0.25), earmark: null }],
        ),
      );
    }
  }
}

const FINDINGS = [
  { severity: 'NOTE', description: '部分活动经费报销凭证附件不全，已当场补齐', amount: null },
  { severity: 'ISSUE', description: '慰问品采购未履行比价程序', amount: 860_000 },
  { severity: 'ISSUE', description: '工会经费支付职工福利超出年度预算', amount: 1_250_000 },
];

/**
 * Each grassroots union's funds audit committee (经费审查委员会) reviews its books once in its
 * term, and each county's reviews its township federations. Deliberate gaps: one union in six has
 * never been audited, and one in eleven was last audited in 2020, before its current term began.
 */
export function addFundsAudits(plan: SeedPlan, faker: Faker): void {
  const audited = plan.organizations.filter((o) =>
    ['GRASSROOTS', 'JOINT_GRASSROOTS', 'TOWNSHIP_FEDERATION'].includes(o.type),
  );
  audited.forEach((org, i) => {
    if (i % 6 === 5) return;
    const stale = i % 11 === 3;
    const year = stale ? 2020 : faker.helpers.arrayElement([2024, 2025]);
    const findings = faker.helpers.arrayElements(FINDINGS, { min: 0, max: 2 });
    plan.fundsAudits.push({
      _id: stableId('funds-audit', org._id, year),
      organizationId: org._id,
      // A township federation is audited by its county's committee, a grassroots union by its own.
      auditedById: org.type === 'TOWNSHIP_FEDERATION' ? org.parentId! : org._id,
      periodFrom: `${year}-01`,
      periodTo: `${year}-12`,
      conductedOn: faker.date.between({ from: `${year + 1}-02-01`, to: `${year + 1}-04-30` }),
      conclusion: findings.some((f) => f.severity === 'ISSUE')
        ? '经费收支基本规范，对发现的问题已责成限期整改'
        : '经费收支合规，账目清楚，未发现问题',
      findings,
    } satisfies FundsAuditDoc);
  });
}

/**
 * 上代下 (§19): a township or street federation keeps the books of the joint unions it leads,
 * which have no accountant of their own (财务集中管理、分户核算). One agreement in four ended when the
 * joint union hired its own bookkeeper.
 */
export function addCentralizedAccounting(plan: SeedPlan, faker: Faker): void {
  const byId = new Map(plan.organizations.map((o) => [o._id, o]));
  plan.organizations
    .filter((o) => o.type === 'JOINT_GRASSROOTS' && byId.get(o.parentId!)?.type === 'TOWNSHIP_FEDERATION')
    .forEach((joint, i) => {
      const _id = stableId('agreement', joint._id);
      const startedOn = faker.date.between({ from: '2019-01-01', to: '2024-12-31' });
      const ended = i % 4 === 3;
      plan.centralizedAccounting.push({
        _id,
        upperId: joint.parentId!,
        lowerId: joint._id,
        openKey: ended ? _id : joint._id,
        startedOn,
        endedOn: ended ? faker.date.between({ from: '2025-01-01', to: '2026-03-31' }) : null,
      } satisfies AgreementDoc);
    });
}
