import { makeCreditCode } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

async function ok<T = Record<string, never>>(query: string, variables?: Record<string, unknown>) {
  const res = await graph.query<T>(query, { caller: national, variables });
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** A grassroots union below a township; in tiny's Beijing, a municipality, no city stands between. */
function grassrootsBelowTownship() {
  const orgs = graph.plan.organizations;
  const byId = new Map(orgs.map((o) => [o._id, o]));
  const union = orgs.find(
    (o) => o.type === 'GRASSROOTS' && byId.get(o.parentId ?? '')?.type === 'TOWNSHIP_FEDERATION',
  )!;
  const levelOf = (level: string) => union.path.map((id) => byId.get(id)!).find((o) => o.level === level)!;
  return { union, levelOf };
}

const ACCOUNT = `query($id: ID!) {
  organization(id: $id) { name fundAccount { balance earmarkedBalance income spending } }
}`;

type Account = {
  organization: {
    name: string;
    fundAccount: { balance: number; earmarkedBalance: number; income: number; spending: number } | null;
  };
};
const balanceOf = async (id: string) =>
  (await ok<Account>(ACCOUNT, { id })).organization.fundAccount?.balance ?? 0;

describe('funds through the gateway', () => {
  it('allocates a payroll receipt and splits it across the levels exactly, joined with organization names', async () => {
    const { union, levelOf } = grassrootsBelowTownship();
    expect(levelOf('CITY')).toBeUndefined();
    const ids = ['GRASSROOTS', 'COUNTY', 'PROVINCE', 'NATIONAL'].map((l) =>
      l === 'GRASSROOTS' ? union._id : levelOf(l)._id,
    );
    const before = await Promise.all(ids.map(balanceOf));
    const res = await ok<{
      recordPayrollAllocation: {
        total: number;
        allocation: { due: number; shares: { organization: { id: string; name: string }; amount: number }[] };
      };
    }>(
      `mutation($input: PayrollAllocationInput!) {
        recordPayrollAllocation(input: $input) { total allocation { due shares { organization { id name } amount } } }
      }`,
      {
        input: {
          idempotencyKey: 'e2e-alloc-1',
          organizationId: union._id,
          unitName: union.name.replace(/工会委员会$/, ''),
          unitCreditCode: makeCreditCode('91', union.divisionCode, 77),
          period: '2026-05',
          payroll: 50_000_017,
          received: 1_000_001,
          channel: 'TAX_AUTHORITY',
          receivedOn: '2026-06-10',
        },
      },
    );
    const { allocation } = res.recordPayrollAllocation;
    expect(allocation.due).toBe(1_000_000);
    expect(allocation.shares.reduce((a, s) => a + s.amount, 0)).toBe(1_000_001);
    const share = Object.fromEntries(allocation.shares.map((s) => [s.organization.id, s.amount]));
    // The city's 10% goes to the municipality, the nearest level above the district.
    expect(ids.map((id) => share[id])).toEqual([600_001, 200_000, 150_000, 50_000]);
    expect(allocation.shares[0]!.organization.name).toBe(union.name);
    const after = await Promise.all(ids.map(balanceOf));
    expect(after.map((b, i) => b - before[i]!)).toEqual([600_001, 200_000, 150_000, 50_000]);
  });

  it('holds a national subsidy plan to the township earmark and lets only townships hold it', async () => {
    const { union, levelOf } = grassrootsBelowTownship();
    const nat = levelOf('NATIONAL');
    const province = levelOf('PROVINCE');
    const township = levelOf('TOWNSHIP');
    await ok(`mutation($input: PostingInput!) { postEntry(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'e2e-nat-income',
        postedOn: '2026-01-05',
        lines: [
          { organizationId: nat._id, book: 'FUNDS', debit: 10_000_000 },
          { organizationId: nat._id, book: 'INCOME', category: 'GOVERNMENT_SUBSIDY', credit: 10_000_000 },
        ],
      },
    });
    const PLAN = `mutation($input: SubsidyPlanInput!) { createSubsidyPlan(input: $input) { id total earmarked } }`;
    const items = (earmarked: number) => [
      { recipientId: province._id, amount: 1_000_000 - earmarked },
      { recipientId: township._id, amount: earmarked, earmark: 'TOWNSHIP' },
    ];
    const low = await graph.query(PLAN, {
      caller: national,
      variables: { input: { funderId: nat._id, year: 2026, items: items(99_999) } },
    });
    expect(low.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items',
      messageKey: 'funds.nationalEarmark',
      messageParams: { percent: 10, earmarked: 99_999, total: 1_000_000 },
    });
    expect(low.errors?.[0]?.message).toBe(
      '全总的补助计划须安排不低于 10% 的专项资金用于乡镇（街道）工会（R9）；本计划专项 99999 分，补助总额 1000000 分',
    );
    const wrong = await graph.query(PLAN, {
      caller: national,
      variables: {
        input: {
          funderId: nat._id,
          year: 2026,
          items: [{ recipientId: union._id, amount: 5, earmark: 'TOWNSHIP' }],
        },
      },
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'items.0.recipientId',
      messageKey: 'funds.earmarkRecipient',
    });
    const { createSubsidyPlan: plan } = await ok<{
      createSubsidyPlan: { id: string; total: number; earmarked: number };
    }>(PLAN, {
      input: { funderId: nat._id, year: 2026, items: items(100_000) },
    });
    expect(plan).toMatchObject({ total: 1_000_000, earmarked: 100_000 });
    await ok(`mutation($id: ID!) { disburseSubsidyPlan(id: $id, postedOn: "2026-03-01") { id } }`, {
      id: plan.id,
    });
    const town = await ok<Account>(ACCOUNT, { id: township._id });
    expect(town.organization.fundAccount?.earmarkedBalance).toBe(100_000);
    const analyst = await graph.query<{ earmarkCompliance: { compliant: boolean; earmarkedBp: number } }>(
      '{ earmarkCompliance(year: 2026) { compliant earmarkedBp } }',
      { caller: testCallers.analyst() },
    );
    expect(analyst.data?.earmarkCompliance).toEqual({ compliant: true, earmarkedBp: 1000 });
  });

  it('shows a union its balance and flows, and a member their dues history', async () => {
    const member = graph.plan.members[0]!;
    await ok(`mutation($input: DuesPaymentInput!) { recordDuesPayment(input: $input) { id } }`, {
      input: {
        memberId: member._id,
        organizationId: member.organizationId,
        period: '2026-06',
        wage: 800_000,
        paidAt: '2026-06-15T01:00:00Z',
      },
    });
    const own = await graph.query<{
      member: { name: string; lastDuesPaidAt: string; duesPayments: { nodes: { amount: number }[] } };
    }>(`query($id: ID!) { member(id: $id) { name lastDuesPaidAt duesPayments { nodes { amount } } } }`, {
      caller: testCallers.member(member._id, member.organizationId),
      variables: { id: member._id },
    });
    expect(own.errors).toBeUndefined();
    expect(own.data?.member).toMatchObject({
      lastDuesPaidAt: '2026-06-15T01:00:00.000Z',
      duesPayments: { nodes: [{ amount: 4_000 }] },
    });
    const account = await ok<Account>(ACCOUNT, { id: member.organizationId });
    expect(account.organization.fundAccount?.income).toBeGreaterThanOrEqual(4_000);
    const flows = await graph.query<{ fundFlows: { key: string; income: number }[] }>(
      '{ fundFlows(groupBy: PERIOD, from: "2026-01", to: "2026-12") { key income spending } }',
      { caller: testCallers.analyst() },
    );
    expect(flows.data?.fundFlows.find((f) => f.key === '2026-06')?.income).toBeGreaterThanOrEqual(4_000);
  });

  it('loses nothing when 50 clients post to one account at once (zero drift)', async () => {
    const { union } = grassrootsBelowTownship();
    const before = await balanceOf(union._id);
    const amounts = Array.from({ length: 50 }, (_, i) => 10_000 + i);
    const results = await Promise.all(
      amounts.map((amount, i) =>
        graph.query(`mutation($input: PostingInput!) { postEntry(input: $input) { id } }`, {
          caller: national,
          variables: {
            input: {
              idempotencyKey: `e2e-burst-${i}`,
              postedOn: '2026-07-01',
              lines: [
                { organizationId: union._id, book: 'FUNDS', debit: amount },
                { organizationId: union._id, book: 'INCOME', category: 'OTHER_INCOME', credit: amount },
              ],
            },
          },
        }),
      ),
    );
    expect(results.every((r) => !r.errors)).toBe(true);
    expect((await balanceOf(union._id)) - before).toBe(amounts.reduce((a, b) => a + b, 0));
    const rec = await ok<{ fundAccountOf: { reconciliation: { consistent: boolean; balance: number } } }>(
      'query($id: ID!) { fundAccountOf(organizationId: $id) { reconciliation { consistent balance } } }',
      { id: union._id },
    );
    expect(rec.fundAccountOf.reconciliation).toEqual({
      consistent: true,
      balance: before + amounts.reduce((a, b) => a + b, 0),
    });
  });

  it('answers R9 and R13 from fundsBreakdown with the figures of the reports it replaces, for an analyst too', async () => {
    await graph.settled();
    const analyst = testCallers.analyst();
    type Measure = {
      measure: string;
      value: number | null;
      rate: { numerator: number; denominator: number } | null;
    };
    type Table = { rows: { values: { code: string }[]; measures: Measure[] }[]; measures: Measure[] };
    const breakdown = async (groupBy: string[], filter: Record<string, unknown>) =>
      (
        await graph.ok(
          `query($groupBy: [FundsDimension!]!, $filter: FundsBreakdownFilter) {
            fundsBreakdown(groupBy: $groupBy, filter: $filter) {
              rows { values { code } measures { measure value rate { numerator denominator } } }
              measures { measure value rate { numerator denominator } } } }`,
          { groupBy, filter },
          analyst,
        )
      ).fundsBreakdown as Table;
    const measure = (ms: Measure[], code: string) => ms.find((m) => m.measure === code)!;
    // R9: the national federation's subsidies of the seed's years (2024 short of 10 %, 2025 not) and this file's 2026 plan.
    for (const year of [2024, 2025, 2026]) {
      const report = (
        await graph.ok(
          `query($year: Int!) { earmarkCompliance(year: $year) { subsidyTotal earmarked } }`,
          { year },
          analyst,
        )
      ).earmarkCompliance;
      const t = await breakdown(['YEAR'], { years: [year], funderLevels: ['NATIONAL'] });
      expect(report.subsidyTotal).toBeGreaterThan(0);
      expect(measure(t.rows[0]!.measures, 'TOWNSHIP_EARMARK_RATE').rate).toEqual({
        numerator: report.earmarked,
        denominator: report.subsidyTotal,
      });
    }
    // R13: allocationCompliance's rows add up to the breakdown's sums over the same months.
    const rows = (
      await graph.ok(
        `{ allocationCompliance(from: "2017-01", to: "2026-12") { due received shortfall } }`,
        {},
        analyst,
      )
    ).allocationCompliance as { due: number; received: number; shortfall: number }[];
    const years = Array.from({ length: 10 }, (_, i) => 2017 + i);
    const t = await breakdown(['ALLOCATION_STATE'], { years });
    const total = (field: 'due' | 'received' | 'shortfall') => rows.reduce((n, r) => n + r[field], 0);
    expect(rows.some((r) => r.shortfall > 0)).toBe(true);
    expect(
      ['DUE', 'RECEIVED', 'SHORTFALL'].map((f) => measure(t.measures, `ALLOCATION_${f}_FEN_SUM`).value),
    ).toEqual([total('due'), total('received'), total('shortfall')]);
    // Receipts short of the 2 % due hold every shortfall there is.
    const short = t.rows.find((r) => r.values[0]!.code === 'SHORT')!;
    expect(measure(short.measures, 'ALLOCATION_SHORTFALL_FEN_SUM').value).toBeGreaterThan(0);
    // A member is refused; a union's administrator reads its own subtree's receipts only.
    const member = graph.plan.members[0]!;
    const refused = await graph.query(`{ allocationCompliance(from: "2025-01", to: "2025-12") { due } }`, {
      caller: testCallers.member(member._id, member.organizationId),
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const { union } = grassrootsBelowTownship();
    const own = (
      await graph.ok(
        `{ allocationCompliance(from: "2017-01", to: "2026-12") { organization { id } } }`,
        {},
        testCallers.orgAdmin(union._id),
      )
    ).allocationCompliance as { organization: { id: string } }[];
    expect(own.map((r) => r.organization.id)).toEqual([union._id]);
  });
});
