import { testCallers } from '@union-graph/subgraph-kit/testing';
import type { PostingDoc } from '../models';
import { FUNDS_DIMENSIONS, type FundsDimension } from '../statistics';
import { type Funds, incomeLines, ORG, POST, startFunds } from './fixtures';

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
  await f.sub.server.caughtUp();
});
afterAll(() => f?.sub.stop());

const DUES = `mutation($input: DuesPaymentInput!) { recordDuesPayment(input: $input) { id } }`;

/** Level and regions of the fixture's unions, as the directory's division codes give them. */
const UNIONS: Record<string, Record<string, string>> = {
  [ORG.g1]: { ACCOUNT_LEVEL: 'GRASSROOTS', PROVINCE: '440000', CITY: '440300', COUNTY: '440304' },
  [ORG.g2]: { ACCOUNT_LEVEL: 'GRASSROOTS', PROVINCE: '440000', CITY: '440300', COUNTY: '440304' },
  [ORG.ft]: { ACCOUNT_LEVEL: 'COUNTY', PROVINCE: '440000', CITY: '440300', COUNTY: '440304' },
  [ORG.g3]: { ACCOUNT_LEVEL: 'GRASSROOTS', PROVINCE: '410000', CITY: '410100', COUNTY: 'unknown' },
};

interface Line {
  codes: Record<string, string>;
  amount: number;
  income: boolean;
}

/** The income and expenditure lines of the stored postings, worked out here without the read model. */
async function storedLines(): Promise<Line[]> {
  const postings = await f.sub.server.models.Posting.find().lean<PostingDoc[]>();
  return postings.flatMap((p) =>
    p.lines
      .filter((l) => l.book !== 'FUNDS')
      .map((l) => ({
        codes: { ...UNIONS[l.organizationId]!, BOOK: l.book, CATEGORY: l.category!, MONTH: p.period },
        amount: l.book === 'INCOME' ? l.credit - l.debit : l.debit - l.credit,
        income: l.book === 'INCOME',
      })),
  );
}

/** Per key: [lines, amount sum, average, income sum, expenditure sum] (null: no such line). */
function expected(lines: Line[], dims: string[]) {
  const groups = new Map<string, Line[]>();
  for (const l of lines) {
    const key = dims.map((d) => l.codes[d]).join('|');
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const sum = (ls: Line[]) => (ls.length ? ls.reduce((n, l) => n + l.amount, 0) : null);
  return Object.fromEntries(
    [...groups].map(([key, ls]) => [
      key,
      [
        ls.length,
        sum(ls),
        sum(ls)! / ls.length,
        sum(ls.filter((l) => l.income)),
        sum(ls.filter((l) => !l.income)),
      ],
    ]),
  );
}

const BREAKDOWN = `query($groupBy: [FundsDimension!]!, $filter: FundsBreakdownFilter) {
  fundsBreakdown(groupBy: $groupBy, filter: $filter) {
    rows { values { code label } count measures { measure label kind value suppressed } }
    total measures { measure value suppressed } minimumCount asOf
  }
}`;

interface Table {
  rows: {
    values: { code: string; label: string }[];
    count: number;
    measures: { value: number | null; suppressed: boolean }[];
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
    expect(lines).toHaveLength(10);
    for (const d of FUNDS_DIMENSIONS)
      expect([d, figures(await table([d]))]).toEqual([d, expected(lines, [d])]);
    const two = await table(['ACCOUNT_LEVEL', 'MONTH']);
    expect(figures(two)).toEqual(expected(lines, ['ACCOUNT_LEVEL', 'MONTH']));
    const income = lines.filter((l) => l.income).reduce((n, l) => n + l.amount, 0);
    expect(two.measures.map((m) => [m.measure, m.value])).toEqual([
      ['AMOUNT_FEN_SUM', income + 8_000],
      ['AMOUNT_FEN_AVERAGE', (income + 8_000) / 10],
      ['INCOME_FEN_SUM', income],
      ['EXPENSE_FEN_SUM', 8_000],
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
        lines.filter((l) => l.codes.PROVINCE === '410000'),
        ['ACCOUNT_LEVEL'],
      ),
    );
    const filter = { books: ['INCOME'], months: ['2025-03', '2025-04'] };
    expect(figures(await table(['CATEGORY'], testCallers.national(), filter))).toEqual({
      OTHER_INCOME: [2, 15_000, 7_500, 15_000, null],
      GOVERNMENT_SUBSIDY: [1, 30_000, 30_000, 30_000, null],
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
    expect(figures(months)['2025-05']).toEqual([2, '-', '-', '-', null]);
    expect(figures(months)['2025-06']).toEqual([4, '-', '-', '-', null]);
    expect(figures(months)['2025-04']).toEqual([2, 13_000, 6_500, 5_000, 8_000]);
    expect(months.measures.every((m) => !m.suppressed)).toBe(true);
    // The six members' dues in one cell: shown.
    expect(figures(await table(['CATEGORY'], analyst)).DUES).toEqual([6, 22_500, 3_750, 22_500, null]);
    // A union's table holding 2 members' dues: its totals go, its dues-free cells stand.
    const g1 = await table(['MONTH'], analyst, { organizationId: ORG.g1 });
    expect(figures(g1)).toEqual({
      '2025-03': [1, 10_000, 10_000, 10_000, null],
      '2025-05': [2, '-', '-', '-', null],
    });
    expect(g1.measures.map((m) => m.suppressed)).toEqual([true, true, true, false]);
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
    expect(figures(after)['2025-07']).toEqual([1, 2_500, 2_500, 2_500, null]);
    expect(Date.parse(after.asOf)).toBeGreaterThanOrEqual(asked);
  });
});
