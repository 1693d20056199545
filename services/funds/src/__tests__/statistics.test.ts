import { makeCreditCode } from '@union-graph/domain';
import { findDownload, statisticsDownloads } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import type { PostingDoc } from '../models';
import { FUNDS_DIMENSIONS, type FundsDimension } from '../statistics';
import { type Funds, incomeLines, type Json, ORG, POST, startFunds, tenPercentPlan } from './fixtures';

let f: Funds;
beforeAll(async () => {
  f = await startFunds();
  const post = (key: string, postedOn: string, lines: unknown[]) =>
    f.ok(POST, { input: { idempotencyKey: key, postedOn, lines } });
  await post('s-1', '2025-03-05', incomeLines(ORG.g1, 10_000));
  await post('s-2', '2025-03-20', incomeLines(ORG.g2, 30_000, 'GOVERNMENT_SUBSIDY'));
  await post('s-3', '2025-04-02', incomeLines(ORG.g3, 5_000));
  await post('s-4', '2025-04-10', [
    { organizationId: ORG.ft, book: 'FUNDS', credit: 8_000 },
    { organizationId: ORG.ft, book: 'EXPENSE', category: 'WORKER_ACTIVITIES', debit: 8_000 },
  ]);
  // Six members' dues: two of g1 in May, four of g2 in June (0.5 % of wages in whole fen).
  const dues = (memberId: string, organizationId: string, period: string, wage: number) =>
    f.ok(DUES, { input: { memberId, organizationId, period, wage, paidAt: `${period}-10T02:00:00Z` } });
  await dues('m-1', ORG.g1, '2025-05', 800_000);
  await dues('m-2', ORG.g1, '2025-05', 600_000);
  for (const [i, wage] of [1_000_000, 700_000, 900_000, 500_000].entries())
    await dues(`m-${i + 3}`, ORG.g2, '2025-06', wage);
  // R9 at its boundary: in 2024 the national federation's subsidies earmark 9.99 % for townships
  // (transfers, which no plan check stops), in 2025 a plan earmarks exactly 10 %; Guangdong funds
  // a grassroots union with nothing earmarked.
  const transfer = (
    key: string,
    from: string,
    to: string,
    amount: number,
    postedOn: string,
    earmark?: string,
  ) =>
    f.ok(TRANSFER, {
      input: {
        idempotencyKey: key,
        fromOrganizationId: from,
        toOrganizationId: to,
        amount,
        kind: 'SUBSIDY',
        earmark,
        postedOn,
      },
    });
  await transfer('t-24-gd', ORG.nat, ORG.gd, 900_100, '2024-06-01');
  await transfer('t-24-town', ORG.nat, ORG.town, 99_900, '2024-06-02', 'TOWNSHIP');
  const { createSubsidyPlan: plan } = await f.ok(PLAN, { input: tenPercentPlan(2025) });
  await f.ok(`mutation($id: ID!) { disburseSubsidyPlan(id: $id, postedOn: "2025-08-01") { id } }`, {
    id: plan.id,
  });
  await transfer('t-25-g2', ORG.gd, ORG.g2, 50_000, '2025-08-05');
  // R13 at its boundary: 2 % of 1,000,000 fen is 20,000 due; g2's unit pays a fen short, g3's in full.
  const allocate = (key: string, organizationId: string, received: number) =>
    f.ok(ALLOCATE, {
      input: {
        idempotencyKey: key,
        organizationId,
        unitName: '丁公司',
        unitCreditCode: makeCreditCode('91', '440304', 4242),
        period: '2025-08',
        payroll: 1_000_000,
        received,
        channel: 'TAX_AUTHORITY',
        receivedOn: '2025-09-10',
      },
    });
  await allocate('a-g2', ORG.g2, 19_999);
  await allocate('a-g3', ORG.g3, 20_000);
  await f.sub.server.caughtUp();
});
afterAll(() => f?.sub.stop());

const DUES = `mutation($input: DuesPaymentInput!) { recordDuesPayment(input: $input) { id } }`;
const TRANSFER = `mutation($input: TransferInput!) { transferFunds(input: $input) { id } }`;
const PLAN = `mutation($input: SubsidyPlanInput!) { createSubsidyPlan(input: $input) { id } }`;
const ALLOCATE = `mutation($input: PayrollAllocationInput!) { recordPayrollAllocation(input: $input) { id } }`;

/** Level and regions of the fixture's unions, as the directory's division codes give them. */
const GUANGDONG = { PROVINCE: '440000', CITY: '440300', COUNTY: '440304' };
const UNIONS: Record<string, Record<string, string>> = {
  [ORG.nat]: { ACCOUNT_LEVEL: 'NATIONAL', PROVINCE: 'unknown', CITY: 'unknown', COUNTY: 'unknown' },
  [ORG.gd]: { ACCOUNT_LEVEL: 'PROVINCE', PROVINCE: '440000', CITY: 'unknown', COUNTY: 'unknown' },
  [ORG.sz]: { ACCOUNT_LEVEL: 'CITY', PROVINCE: '440000', CITY: '440300', COUNTY: 'unknown' },
  [ORG.ft]: { ACCOUNT_LEVEL: 'COUNTY', ...GUANGDONG },
  [ORG.town]: { ACCOUNT_LEVEL: 'TOWNSHIP', ...GUANGDONG },
  [ORG.g1]: { ACCOUNT_LEVEL: 'GRASSROOTS', ...GUANGDONG },
  [ORG.g2]: { ACCOUNT_LEVEL: 'GRASSROOTS', ...GUANGDONG },
  [ORG.hn]: { ACCOUNT_LEVEL: 'PROVINCE', PROVINCE: '410000', CITY: 'unknown', COUNTY: 'unknown' },
  [ORG.g3]: { ACCOUNT_LEVEL: 'GRASSROOTS', PROVINCE: '410000', CITY: '410100', COUNTY: 'unknown' },
};

interface Line {
  union: string;
  codes: Record<string, string>;
  amount: number;
  income: boolean;
  /** A subsidy or transfer received: [amount, earmarked for townships]. */
  subsidy: [number, boolean] | null;
  /** The receiving union's line of an allocation receipt: [due, received]. */
  allocation: [number, number] | null;
}

/**
 * The income and expenditure lines of the stored postings, worked out here without the read
 * model: R9's funders are the unions whose books hold a transfer or subsidy, the earmark that of
 * the union's FUNDS line; R13's state compares the receipt's figures.
 */
async function storedLines(): Promise<Line[]> {
  const postings = await f.sub.server.models.Posting.find().lean<PostingDoc[]>();
  return postings.flatMap((p) => {
    const funded = ['TRANSFER', 'SUBSIDY'].includes(p.sourceKind);
    const a = p.allocation;
    return p.lines
      .filter((l) => l.book !== 'FUNDS')
      .map((l) => {
        const earmark =
          p.lines.find((x) => x.book === 'FUNDS' && x.organizationId === l.organizationId)?.earmark ?? 'NONE';
        const amount = l.book === 'INCOME' ? l.credit - l.debit : l.debit - l.credit;
        const receiver = a?.receiverId === l.organizationId && l.book === 'INCOME';
        return {
          union: l.organizationId,
          codes: {
            ...UNIONS[l.organizationId]!,
            BOOK: l.book,
            CATEGORY: l.category!,
            MONTH: p.period,
            YEAR: p.period.slice(0, 4),
            FUNDER_LEVEL: funded ? UNIONS[p.bookOrgId]!.ACCOUNT_LEVEL! : 'NONE',
            EARMARK: earmark,
            ALLOCATION_STATE: a ? (a.received < a.due ? 'SHORT' : 'IN_FULL') : 'NONE',
          },
          amount,
          income: l.book === 'INCOME',
          subsidy: funded && l.book === 'INCOME' ? [amount, earmark === 'TOWNSHIP'] : null,
          allocation: a && receiver ? [a.due, a.received] : null,
        } satisfies Line;
      });
  });
}

/**
 * Per key: [lines, amount sum, average, income sum, expenditure sum, township earmark rate,
 * allocations due, received, short] (null: no such line).
 */
function expected(lines: Line[], dims: string[]) {
  const groups = new Map<string, Line[]>();
  for (const l of lines) {
    const key = dims.map((d) => l.codes[d]).join('|');
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const sumOf = (values: number[]) => (values.length ? values.reduce((n, v) => n + v, 0) : null);
  const sum = (ls: Line[]) => sumOf(ls.map((l) => l.amount));
  const rate = (ls: Line[]) => {
    const subsidies = ls.flatMap((l) => (l.subsidy ? [l.subsidy] : []));
    const all = sumOf(subsidies.map(([fen]) => fen));
    return all ? sumOf(subsidies.map(([fen, township]) => (township ? fen : 0)))! / all : null;
  };
  const allocations = (ls: Line[]) => ls.flatMap((l) => (l.allocation ? [l.allocation] : []));
  return Object.fromEntries(
    [...groups].map(([key, ls]) => [
      key,
      [
        ls.length,
        sum(ls),
        sum(ls)! / ls.length,
        sum(ls.filter((l) => l.income)),
        sum(ls.filter((l) => !l.income)),
        rate(ls),
        sumOf(allocations(ls).map(([due]) => due)),
        sumOf(allocations(ls).map(([, received]) => received)),
        sumOf(allocations(ls).map(([due, received]) => due - received)),
      ],
    ]),
  );
}

const BREAKDOWN = `query($groupBy: [FundsDimension!]!, $filter: FundsBreakdownFilter) {
  fundsBreakdown(groupBy: $groupBy, filter: $filter) {
    rows { values { code label } count measures { measure label kind value rate { numerator denominator value } suppressed } }
    total measures { measure value suppressed } minimumCount asOf
  }
}`;

interface Table {
  rows: {
    values: { code: string; label: string }[];
    count: number;
    measures: { measure: string; value: number | null; rate: Json; suppressed: boolean }[];
  }[];
  total: number;
  measures: { measure: string; value: number | null; suppressed: boolean }[];
  minimumCount: number | null;
  asOf: string;
}

async function table(
  groupBy: FundsDimension[],
  caller = testCallers.national(),
  filter?: Record<string, unknown>,
) {
  return ((await f.ok(BREAKDOWN, { groupBy, filter }, caller)) as { fundsBreakdown: Table }).fundsBreakdown;
}
/** The income and expenditure lines the fixture's postings hold before the freshness test adds one. */
const LINES = 27;

const figures = (t: Table) =>
  Object.fromEntries(
    t.rows.map((r) => [
      r.values.map((v) => v.code).join('|'),
      [r.count, ...r.measures.map((m) => (m.suppressed ? '-' : m.value))],
    ]),
  );

describe('fundsBreakdown', () => {
  it('counts every dimension and sums and averages the amounts in fen as the stored postings say', async () => {
    const lines = await storedLines();
    // 10 entries and dues, 2 + 2 + 3 + 2 of subsidies, 5 + 3 levels' shares of two allocations.
    expect(lines).toHaveLength(LINES);
    for (const d of FUNDS_DIMENSIONS)
      expect([d, figures(await table([d]))]).toEqual([d, expected(lines, [d])]);
    const two = await table(['ACCOUNT_LEVEL', 'MONTH']);
    expect(figures(two)).toEqual(expected(lines, ['ACCOUNT_LEVEL', 'MONTH']));
    expect(two.measures.map((m) => m.value)).toEqual(expected(lines, [])['']!.slice(1));
    expect(two.measures.map((m) => m.measure)).toEqual([
      'AMOUNT_FEN_SUM',
      'AMOUNT_FEN_AVERAGE',
      'INCOME_FEN_SUM',
      'EXPENSE_FEN_SUM',
      'TOWNSHIP_EARMARK_RATE',
      'ALLOCATION_DUE_FEN_SUM',
      'ALLOCATION_RECEIVED_FEN_SUM',
      'ALLOCATION_SHORTFALL_FEN_SUM',
    ]);
    const labels = (await table(['CATEGORY'])).rows.map((r) => r.values[0]!.label);
    expect(labels).toEqual(expect.arrayContaining(['会费收入', '职工活动支出']));
  });

  it('counts only the caller’s subtree, or a union of it asked for, and filters', async () => {
    const lines = await storedLines();
    const guangdong = lines.filter((l) => l.codes.PROVINCE === '440000');
    expect(figures(await table(['COUNTY'], testCallers.orgAdmin(ORG.gd)))).toEqual(
      expected(guangdong, ['COUNTY']),
    );
    expect(
      figures(await table(['ACCOUNT_LEVEL'], testCallers.national(), { organizationId: ORG.g3 })),
    ).toEqual(
      expected(
        lines.filter((l) => l.union === ORG.g3),
        ['ACCOUNT_LEVEL'],
      ),
    );
    const filter = { books: ['INCOME'], months: ['2025-03', '2025-04'] };
    expect(figures(await table(['CATEGORY'], testCallers.national(), filter))).toEqual({
      OTHER_INCOME: [2, 15_000, 7_500, 15_000, null, null, null, null, null],
      GOVERNMENT_SUBSIDY: [1, 30_000, 30_000, 30_000, null, null, null, null, null],
    });
  });

  it('refuses members, unions outside the subtree and bad arguments with stable codes', async () => {
    expect(await f.fails(BREAKDOWN, { groupBy: ['MONTH'] }, testCallers.member('m-1', ORG.g1))).toMatchObject(
      {
        code: 'FORBIDDEN',
      },
    );
    const outside = await f.fails(
      BREAKDOWN,
      { groupBy: ['MONTH'], filter: { organizationId: ORG.g1 } },
      testCallers.orgAdmin(ORG.hn),
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(outside.code);
    expect(await f.fails(BREAKDOWN, { groupBy: ['MONTH', 'MONTH'] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
    });
  });

  it('shows an analyst every line counted, but no amount of fewer than 5 members’ dues', async () => {
    const analyst = testCallers.analyst();
    // May holds 2 members' dues and June 4: both withheld (each under 5, and together they keep
    // each other from being recovered); March and April hold none; all 6 together stand.
    const months = await table(['MONTH'], analyst);
    expect(months.minimumCount).toBe(5);
    expect(figures(months)['2025-05']).toEqual([2, '-', '-', '-', null, null, null, null, null]);
    expect(figures(months)['2025-06']).toEqual([4, '-', '-', '-', null, null, null, null, null]);
    expect(figures(months)['2025-04']).toEqual([2, 13_000, 6_500, 5_000, 8_000, null, null, null, null]);
    expect(months.measures.every((m) => !m.suppressed)).toBe(true);
    // The six members' dues in one cell: shown.
    expect(figures(await table(['CATEGORY'], analyst)).DUES).toEqual([
      6,
      22_500,
      3_750,
      22_500,
      null,
      null,
      null,
      null,
      null,
    ]);
    // A union's table holding 2 members' dues: its totals go, its dues-free cells stand.
    const g1 = await table(['MONTH'], analyst, { organizationId: ORG.g1 });
    expect(figures(g1)).toEqual({
      '2025-03': [1, 10_000, 10_000, 10_000, null, null, null, null, null],
      '2025-05': [2, '-', '-', '-', null, null, null, null, null],
    });
    expect(g1.measures.map((m) => m.suppressed)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  const rowOf = (t: Table, key: string) => t.rows.find((r) => r.values.map((v) => v.code).join('|') === key);
  const earmarkRate = (t: Table, key: string) =>
    rowOf(t, key)?.measures.find((m) => m.measure === 'TOWNSHIP_EARMARK_RATE')?.rate;

  it('answers R9: the township earmark’s share of subsidies in fen, per funder and year, 9.99 % beside 10 %', async () => {
    const t = await table(['FUNDER_LEVEL', 'YEAR']);
    expect(earmarkRate(t, 'NATIONAL|2024')).toEqual({
      numerator: 99_900,
      denominator: 1_000_000,
      value: 0.0999,
    });
    expect(earmarkRate(t, 'NATIONAL|2025')).toEqual({
      numerator: 100_000,
      denominator: 1_000_000,
      value: 0.1,
    });
    expect(earmarkRate(t, 'PROVINCE|2025')).toEqual({ numerator: 0, denominator: 50_000, value: 0 });
    expect(earmarkRate(t, 'NONE|2025')).toBeNull();
    expect(rowOf(t, 'NATIONAL|2024')!.values[0]!.label).toBe('全国总工会');
    expect(rowOf(t, 'NONE|2025')!.values[0]!.label).toBe('非补助');
    const earmarks = await table(['EARMARK'], testCallers.national(), { years: [2024] });
    expect(earmarks.rows.map((r) => [r.values[0]!.code, r.values[0]!.label, r.count])).toEqual([
      ['NONE', '非专项', 3],
      ['TOWNSHIP', '乡镇（街道）工会专项', 1],
    ]);
    // The figures of the report they deprecate, from the query its deprecation names, with R9's verdict.
    const REPORT = `query($year: Int!) { earmarkCompliance(year: $year) { subsidyTotal earmarked earmarkedBp compliant } }`;
    for (const [year, compliant] of [
      [2024, false],
      [2025, true],
    ] as const) {
      const national = await table(['YEAR'], testCallers.national(), {
        years: [year],
        funderLevels: ['NATIONAL'],
      });
      const rate = earmarkRate(national, String(year));
      expect((await f.ok(REPORT, { year })).earmarkCompliance).toEqual({
        subsidyTotal: rate.denominator,
        earmarked: rate.numerator,
        earmarkedBp: Math.round(rate.value * 10_000),
        compliant,
      });
    }
  });

  it('reads R9 within the caller’s subtree, and shows an analyst the rates (amounts of unions, no person’s)', async () => {
    // 福田区's subtree holds the township's receipts, all earmarked, and g2's provincial subsidy.
    const ft = await table(['FUNDER_LEVEL', 'YEAR'], testCallers.orgAdmin(ORG.ft));
    expect(earmarkRate(ft, 'NATIONAL|2024')).toEqual({ numerator: 99_900, denominator: 99_900, value: 1 });
    expect(earmarkRate(ft, 'PROVINCE|2025')).toEqual({ numerator: 0, denominator: 50_000, value: 0 });
    // 河南 received no subsidy.
    const hn = await table(['FUNDER_LEVEL'], testCallers.orgAdmin(ORG.hn));
    expect(hn.rows.map((r) => r.values[0]!.code)).toEqual(['NONE']);
    const analyst = await table(['FUNDER_LEVEL', 'YEAR'], testCallers.analyst());
    expect(earmarkRate(analyst, 'NATIONAL|2024')).toEqual({
      numerator: 99_900,
      denominator: 1_000_000,
      value: 0.0999,
    });
    expect(rowOf(analyst, 'NATIONAL|2024')!.measures.some((m) => m.suppressed)).toBe(false);
  });

  it('answers R13 as allocationCompliance does: due, received and short by state and level, a fen short beside in full', async () => {
    const september = (await storedLines()).filter((l) => l.codes.MONTH === '2025-09');
    const t = await table(['ALLOCATION_STATE', 'ACCOUNT_LEVEL'], testCallers.national(), {
      months: ['2025-09'],
    });
    expect(figures(t)).toEqual(expected(september, ['ALLOCATION_STATE', 'ACCOUNT_LEVEL']));
    const allocated = (key: string) => figures(t)[key]!.slice(-3);
    expect(allocated('SHORT|GRASSROOTS')).toEqual([20_000, 19_999, 1]);
    expect(allocated('IN_FULL|GRASSROOTS')).toEqual([20_000, 20_000, 0]);
    // The upper levels' shares are lines of the receipt's state; its figures count once, with the receiver.
    expect(figures(t)['SHORT|COUNTY']![0]).toBe(1);
    expect(allocated('SHORT|COUNTY')).toEqual([null, null, null]);
    expect(rowOf(t, 'SHORT|GRASSROOTS')!.values[0]!.label).toBe('欠缴');
    const REPORT = `{ allocationCompliance(from: "2025-09", to: "2025-09") { organization { id } due received shortfall } }`;
    expect((await f.ok(REPORT)).allocationCompliance).toEqual([
      { organization: { id: ORG.g2 }, due: 20_000, received: 19_999, shortfall: 1 },
      { organization: { id: ORG.g3 }, due: 20_000, received: 20_000, shortfall: 0 },
    ]);
    // Both within the caller's subtree; an analyst reads the amounts (a unit's payroll is no person's).
    const henan = testCallers.orgAdmin(ORG.hn);
    expect((await f.ok(REPORT, {}, henan)).allocationCompliance).toEqual([
      { organization: { id: ORG.g3 }, due: 20_000, received: 20_000, shortfall: 0 },
    ]);
    expect(Object.keys(figures(await table(['ALLOCATION_STATE'], henan, { months: ['2025-09'] })))).toEqual([
      'IN_FULL',
    ]);
    const analyst = await table(['COUNTY', 'ALLOCATION_STATE'], testCallers.analyst(), {
      months: ['2025-09'],
    });
    expect(figures(analyst)['440304|SHORT']!.slice(-3)).toEqual([20_000, 19_999, 1]);
    expect(await f.fails(REPORT, {}, testCallers.member('m-1', ORG.g1))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('exports the R9 and R13 measures with Chinese headers, as an analyst reads them', async () => {
    const EXPORT = `query($groupBy: [FundsDimension!]!, $filter: FundsBreakdownFilter) {
      exportFundsBreakdown(groupBy: $groupBy, filter: $filter, format: CSV) { downloadPath rows } }`;
    const analyst = testCallers.analyst();
    const { exportFundsBreakdown: file } = await f.ok(
      EXPORT,
      { groupBy: ['FUNDER_LEVEL', 'YEAR'], filter: { funderLevels: ['NATIONAL'] } },
      analyst,
    );
    expect(file.rows).toBe(2);
    const id = String(file.downloadPath).split('/').at(-1)!;
    const stored = await findDownload(statisticsDownloads(f.sub.server.models.Posting.db), id, analyst);
    const lines = stored!.content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines.slice(0, 3)).toEqual([
      '补助方层级,年度,计数,占比（%）,金额合计（分）,平均金额（分）,收入合计（分）,支出合计（分）,乡镇（街道）专项占补助金额比例（%）,应拨缴（分）,实拨缴（分）,欠缴（分）',
      '全国总工会,2024,4,57.14,2000000,500000,1000000,1000000,9.99,,,',
      '全国总工会,2025,3,42.86,2000000,666666.6666666666,1000000,1000000,10,,,',
    ]);
  });

  it('shows a posting once its event is applied, and says as of when', async () => {
    const before = figures(await table(['MONTH']))['2025-07'];
    expect(before).toBeUndefined();
    await f.ok(POST, {
      input: { idempotencyKey: 's-7', postedOn: '2025-07-01', lines: incomeLines(ORG.g3, 2_500) },
    });
    const asked = Date.now();
    await f.sub.server.caughtUp();
    const after = await table(['MONTH']);
    expect(figures(after)['2025-07']).toEqual([1, 2_500, 2_500, 2_500, null, null, null, null, null]);
    expect(Date.parse(after.asOf)).toBeGreaterThanOrEqual(asked);
  });
});
