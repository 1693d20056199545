import type { Faker } from '@faker-js/faker';
import type { RightsCaseDoc, SubsidyDoc } from '@union-graph/cadres/seeding';
import {
  type CadrePayment,
  cadrePaymentDraft,
  type PostingDoc,
  postingDocument,
} from '@union-graph/funds/seeding';
import { stableId } from './ids';
import type { OrgPlan, SeedPlan } from './plan-types';

/**
 * 工会干部权益保障金: county-and-above federations set part of their money aside as a cadre
 * rights-protection fund in January, pay their part-time grassroots chairs' yearly subsidy from it
 * in June, and support a few cadres who suffered for their union work. Postings are built with
 * funds' own builders (the keys and lines its consumer of cadres' events posts), so the seeded
 * subsidies and cases show their postings, and posting them again from an event is a no-op.
 */

const FUND_LEVELS = new Set(['NATIONAL', 'PROVINCE', 'CITY', 'COUNTY']);
const FEDERATION_TYPES = new Set(['NATIONAL_FEDERATION', 'LOCAL_FEDERATION']);
const YEAR = 2026;
const SET_ASIDE_ON = new Date(Date.UTC(YEAR, 0, 15));
const SUBSIDY_PAID_ON = `${YEAR}-06-30`;
/** One subsidized chair in this many part-time chairs; one case in this many subsidies. */
const SUBSIDY_EVERY = 3;
const CASE_EVERY = 4;

const CASES: { kind: RightsCaseDoc['kind']; description: string }[] = [
  { kind: 'DISMISSAL', description: '因代表职工就拖欠加班费与企业协商，被以“严重违纪”为由解除劳动合同' },
  { kind: 'PAY_CUT', description: '组织职工提出工资集体协商要约后，岗位工资被无故下调' },
  { kind: 'TRANSFER', description: '任兼职工会主席后被调离原岗位至外地仓库' },
  { kind: 'DEMOTION', description: '反映企业未足额缴纳社会保险后被撤销班组长职务' },
];

function posting(plan: SeedPlan, doc: Omit<PostingDoc, 'createdAt'>, createdAt: Date): void {
  plan.postings.push({ ...doc, createdAt });
}

/**
 * The fund's share of the federation's money for the year: what it pays out plus a reserve. The
 * general balance may go below zero for a federation whose opening balance was small; what the
 * demo shows is a fund that covers its payments.
 */
function setAside(plan: SeedPlan, faker: Faker, org: OrgPlan, paidOut: number): void {
  plan.rightsFundAccounts.push({
    _id: stableId('rights-fund-account', org._id),
    organizationId: org._id,
    kind: 'CADRE_RIGHTS',
    openedAt: SET_ASIDE_ON,
  });
  // Whole thousands of yuan.
  const amount = paidOut + faker.number.int({ min: 20, max: 200 }) * 100_000;
  const doc = postingDocument(
    {
      idempotencyKey: `seed:rights-fund:${org._id}:${YEAR}`,
      kind: 'GENERAL',
      bookOrgId: org._id,
      postedOn: SET_ASIDE_ON,
      memo: `提取${YEAR}年度工会干部权益保障金`,
      lines: [
        { organizationId: org._id, book: 'FUNDS', credit: amount },
        { organizationId: org._id, book: 'FUNDS', debit: amount, earmark: 'CADRE_RIGHTS' },
      ],
    },
    'seed',
  );
  posting(plan, doc, SET_ASIDE_ON);
}

/** Posts a payment and counts it against the payer's fund. */
function pay(
  plan: SeedPlan,
  paidOut: Map<string, number>,
  type: 'CadreSubsidy' | 'RightsProtectionCase',
  id: string,
  p: CadrePayment,
): void {
  posting(plan, postingDocument(cadrePaymentDraft(type, id, p), 'seed'), new Date(`${p.on}T02:00:00Z`));
  paidOut.set(p.fundedByOrganizationId, (paidOut.get(p.fundedByOrganizationId) ?? 0) + p.amount);
}

export function addRightsFund(plan: SeedPlan, faker: Faker): void {
  const byId = new Map(plan.organizations.map((o) => [o._id, o]));
  const funds = plan.organizations.filter((o) => FEDERATION_TYPES.has(o.type) && FUND_LEVELS.has(o.level));
  const holders = new Set(funds.map((o) => o._id));
  const paidOut = new Map<string, number>();

  // §16: part-time chairs of grassroots unions, each paid by the nearest federation with a fund.
  const partTime = plan.cadres.filter(
    (c) => !c.fullTime && byId.get(c.organizationId)?.type === 'GRASSROOTS',
  );
  let subsidies = 0;
  partTime.forEach((cadre, i) => {
    if (i % SUBSIDY_EVERY !== 0) return;
    const union = byId.get(cadre.organizationId)!;
    const payer = [...union.path].reverse().find((id) => holders.has(id));
    if (!payer) return;
    const subsidy: SubsidyDoc = {
      _id: stableId('cadre-subsidy', cadre._id, YEAR),
      cadreId: cadre._id,
      organizationId: union._id,
      paidByOrganizationId: payer,
      period: String(YEAR),
      // 100–300 yuan a month for a year, in whole yuan.
      amount: faker.number.int({ min: 100, max: 300 }) * 12 * 100,
      paidOn: new Date(`${SUBSIDY_PAID_ON}T00:00:00Z`),
      subsidyKey: `${cadre._id}:${YEAR}`,
    };
    plan.cadreSubsidies.push(subsidy);
    pay(plan, paidOut, 'CadreSubsidy', subsidy._id, {
      fundedByOrganizationId: payer,
      amount: subsidy.amount,
      on: SUBSIDY_PAID_ON,
      cadreId: cadre._id,
      period: subsidy.period,
    });
    if (subsidies++ % CASE_EVERY !== 0) return;
    // Every other case is still waiting for approval, so both states show.
    const which = CASES[(subsidies - 1) % CASES.length]!;
    const approved = plan.rightsCases.length % 2 === 0;
    const openedOn = new Date(
      Date.UTC(YEAR, faker.number.int({ min: 6, max: 8 }), faker.number.int({ min: 1, max: 28 })),
    );
    const approvedOn = new Date(openedOn.getTime() + 20 * 86_400_000);
    const supportAmount = faker.number.int({ min: 10, max: 60 }) * 100_000;
    const rightsCase: RightsCaseDoc = {
      _id: stableId('rights-case', cadre._id, YEAR),
      cadreId: cadre._id,
      organizationId: union._id,
      kind: which.kind,
      openedOn,
      description: which.description,
      supportAmount,
      support: approved ? { fundedByOrganizationId: payer, amount: supportAmount, approvedOn } : null,
      version: approved ? 2 : 1,
    };
    plan.rightsCases.push(rightsCase);
    if (approved) {
      pay(plan, paidOut, 'RightsProtectionCase', rightsCase._id, {
        fundedByOrganizationId: payer,
        amount: supportAmount,
        on: approvedOn.toISOString().slice(0, 10),
        cadreId: cadre._id,
      });
    }
  });
  for (const org of funds) setAside(plan, faker, org, paidOut.get(org._id) ?? 0);
}
