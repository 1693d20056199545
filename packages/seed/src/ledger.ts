import type { Faker } from '@faker-js/faker';
import {
  DEFAULT_FUND_RULES,
  duesDraft,
  duesPaymentEvent,
  openingBalancePosting,
  type PostingDoc,
  type PostingDraft,
  payrollAllocationDraft,
  postingDocument,
} from '@union-graph/funds/seeding';
import type { DuesPaymentDoc } from '@union-graph/members/seeding';
import { stableId } from './ids';
import type { SeedPlan } from './plan-types';

/**
 * The funds ledger of the demo data, built by the funds subgraph's own pure builders (the same
 * validation, split and content hash as its mutations), so every posting balances and carries the
 * idempotency key the subgraph would give it. The split uses the default share table: the seed's
 * plan depends on the seed number alone, not on a deployment's `UNION_GRAPH_RULES_FUNDS`.
 */

const ENTERED_BY = 'seed';
/** Months whose 2% payroll allocation (拨缴经费) was received, each by the middle of the next month. */
export const RECEIPT_PERIODS = ['2026-03', '2026-04', '2026-05'];
/** Months whose dues (会费) members of the collecting unions paid. */
export const DUES_PERIODS = ['2026-04', '2026-05', '2026-06'];

function posting(draft: PostingDraft): PostingDoc {
  return { ...postingDocument(draft, ENTERED_BY), createdAt: draft.postedOn };
}

function nextMonth(period: string, day: number): Date {
  const [y, m] = period.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, day, 2));
}

/**
 * Accounts for the organizations that have none yet (federations and joint unions), each with an
 * opening balance, so every account in the tree starts from a posting, never from a stored figure.
 */
export function addOtherAccounts(plan: SeedPlan, faker: Faker): void {
  const open = new Set(plan.fundAccounts.map((a) => a.organizationId));
  for (const org of plan.organizations) {
    if (open.has(org._id)) continue;
    const openedAt = new Date(Date.UTC(faker.number.int({ min: 2000, max: 2015 }), 0, 1));
    plan.fundAccounts.push({ _id: stableId('account', org._id), organizationId: org._id, openedAt });
    const max = org.level === 'GRASSROOTS' ? 5_000_000 : 500_000_000;
    plan.postings.push(openingBalancePosting(org._id, faker.number.int({ min: 100_000, max }), openedAt));
  }
}

/**
 * R13: the employer of one grassroots union in `every` remits 2% of its monthly payroll, split by
 * the share table along the union's path. Every ninth such employer has remitted nothing and every
 * seventh receipt falls short of what is due, so the allocation report has arrears to find.
 */
export function addPayrollReceipts(plan: SeedPlan, faker: Faker, every: number): void {
  const byId = new Map(plan.organizations.map((o) => [o._id, o]));
  const units = new Map(plan.hostUnits.map((u) => [u._id, u]));
  let receipts = 0;
  plan.coverages
    .filter((c) => c.own)
    .forEach((coverage, u) => {
      if (u % every !== 0 || (u / every) % 9 === 8) return;
      const union = byId.get(coverage.organizationId)!;
      const unit = units.get(coverage.unitId)!;
      const path = union.path.map((id) => byId.get(id)!);
      const wage = faker.number.int({ min: 450_000, max: 1_800_000 });
      for (const period of RECEIPT_PERIODS) {
        const payroll = Math.round(unit.employeeCount * wage * faker.number.float({ min: 0.97, max: 1.03 }));
        const due = Math.round(payroll / 50);
        const short = ++receipts % 7 === 0;
        const draft = payrollAllocationDraft(
          path,
          {
            idempotencyKey: `seed:allocation:${union._id}:${period}`,
            unitName: unit.name,
            unitCreditCode: unit.creditCode,
            period,
            payroll,
            received: short ? Math.max(1, Math.round(due * 0.9)) : Math.max(1, due),
            channel: faker.datatype.boolean({ probability: 0.7 }) ? 'TAX_AUTHORITY' : 'DIRECT',
            receivedOn: nextMonth(period, faker.number.int({ min: 5, max: 15 })),
            preparatory: false,
          },
          DEFAULT_FUND_RULES,
        );
        plan.postings.push(posting(draft));
      }
    });
}

/**
 * R16: members of one grassroots union in `every` (never the first) pay 0.5% of their monthly wage
 * for each of the dues months (every fifth member pays nothing). Funds keeps the postings; members keeps what it
 * would have learned from funds' `DuesPayment` events — each payment and the member's last one.
 */
export function addDues(plan: SeedPlan, faker: Faker, every: number): void {
  const collecting = new Set(
    plan.organizations
      .filter((o) => o.type === 'GRASSROOTS')
      .flatMap((o, i) => (i % every === 1 % every && i > 0 ? [o._id] : [])),
  );
  plan.members.forEach((member, i) => {
    if (!collecting.has(member.organizationId) || i % 5 === 4) return;
    const wage = faker.number.int({ min: 400_000, max: 2_500_000 });
    for (const period of DUES_PERIODS) {
      const paidAt = new Date(
        `${period}-${String(faker.number.int({ min: 5, max: 25 })).padStart(2, '0')}T02:00:00Z`,
      );
      if (paidAt < member.joinedAt) continue;
      const p = posting(
        duesDraft(
          { memberId: member._id, organizationId: member.organizationId, period, wage, paidAt },
          DEFAULT_FUND_RULES,
        ),
      );
      plan.postings.push(p);
      const { id, data } = duesPaymentEvent(p);
      const payment: DuesPaymentDoc = { _id: id, ...data, paidAt: new Date(data.paidAt) };
      plan.duesPayments.push(payment);
      if (!member.lastDuesPaidAt || member.lastDuesPaidAt < paidAt) member.lastDuesPaidAt = paidAt;
    }
  });
}
