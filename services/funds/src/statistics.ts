import { regionCodesOf } from '@union-graph/domain';
import {
  type Dimension,
  type Language,
  type Measure,
  type OrgRef,
  orgDirectoryModel,
  regionDimension,
  renderMessage,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import { allocationStateOf, shortfallOf } from './domain/allocation';
import { FUNDING_KINDS } from './domain/subsidies';
import type { Models, PostingDoc } from './models';

/**
 * Funds' statistics, declared once (issue #19): the income and expenditure lines of the ledger,
 * each with its union's level and region from the org directory (docs/statistics.md). A line is
 * union bookkeeping, so its count is never withheld; amounts of members' dues are held to k.
 */
export const FUNDS_DIMENSIONS = [
  'ACCOUNT_LEVEL',
  'BOOK',
  'CATEGORY',
  'MONTH',
  'YEAR',
  'PROVINCE',
  'CITY',
  'COUNTY',
  'FUNDER_LEVEL',
  'EARMARK',
  'ALLOCATION_STATE',
] as const;
export type FundsDimension = (typeof FUNDS_DIMENSIONS)[number];
/**
 * The receiving union of a payroll allocation: no dimension of `fundsBreakdown` (its rows would
 * be unions, labelled by no name the read model holds), only `allocationCompliance`'s rows.
 */
export type StatisticsDimension = FundsDimension | 'RECEIVING_UNION';
export type FundsMeasure =
  | 'AMOUNT_FEN_SUM'
  | 'AMOUNT_FEN_AVERAGE'
  | 'INCOME_FEN_SUM'
  | 'EXPENSE_FEN_SUM'
  | 'TOWNSHIP_EARMARK_RATE'
  | 'ALLOCATION_DUE_FEN_SUM'
  | 'ALLOCATION_RECEIVED_FEN_SUM'
  | 'ALLOCATION_SHORTFALL_FEN_SUM';

const label = (code: string, language: Language | undefined) =>
  renderMessage(`funds.statistics.${code}`, {}, language ?? 'zh');

const labelled = (sql: string): Dimension => ({ sql, label });

/** Codes whose labels the catalog keeps under the dimension's name (`NONE` means a different thing in each). */
const labelledAs = (dimension: string, sql: string): Dimension => ({
  sql,
  label: (code, language) => label(`${dimension}_${code}`, language),
});

const region = (column: string) => regionDimension(`o.${column}`);

const measure = (code: FundsMeasure, m: Omit<Measure, 'label'>): Measure => ({
  ...m,
  label: (language) => label(code, language),
});

/**
 * The persons behind a cell's amounts: members whose dues it holds (a dues payment tells their
 * wage), so an analyst never reads a sum or average of fewer than k members' dues.
 */
const DUES_PAYERS = 'count_if(l.member_paid)';

/**
 * A posting's income and expenditure lines. Income lines count what came in (credit),
 * expenditure lines what went out (debit); a reversal's lines count negative, so sums net it out.
 * A line carries the earmark of its union's FUNDS line in the posting (R9: a subsidy received
 * for townships, or spent from it), the funder of a transfer or subsidy (the union whose books it
 * was entered in), and an allocation receipt's state (R13); the receiving union's line also
 * carries the receipt's figures, so each counts once.
 */
function lineRows(p: PostingDoc) {
  const earmarks = new Map(
    p.lines.filter((l) => l.book === 'FUNDS' && l.earmark).map((l) => [l.organizationId, l.earmark]),
  );
  const funder = FUNDING_KINDS.includes(p.sourceKind) ? p.bookOrgId : null;
  const allocation = p.allocation;
  const lines = p.lines.filter((l) => l.book !== 'FUNDS');
  // The receiver keeps its own level's share and every one below it, so it always has a line.
  const receiverLine = allocation
    ? lines.findIndex((l) => l.book === 'INCOME' && l.organizationId === allocation.receiverId)
    : -1;
  return lines.map((l, i) => ({
    organization_id: l.organizationId,
    book: l.book,
    category: l.category,
    month: p.period,
    amount: l.book === 'INCOME' ? l.credit - l.debit : l.debit - l.credit,
    member_paid: p.memberId != null,
    earmark: earmarks.get(l.organizationId) ?? null,
    funder_id: funder,
    allocation_state: allocation && allocationStateOf(allocation),
    ...(allocation && i === receiverLine
      ? {
          allocation_due: allocation.due,
          allocation_received: allocation.received,
          allocation_shortfall: shortfallOf(allocation),
        }
      : {}),
  }));
}

export const fundsStatistics: StatisticsDeclaration<Models, StatisticsDimension, FundsMeasure> = {
  tables: [
    {
      name: 'lines',
      eventType: 'Posting',
      source: (models) => models.Posting,
      projection: { period: 1, lines: 1, memberId: 1, sourceKind: 1, bookOrgId: 1, allocation: 1 },
      columns: {
        organization_id: 'text',
        book: 'text',
        category: 'text',
        month: 'text',
        amount: 'bigint',
        member_paid: 'bool',
        earmark: 'text',
        funder_id: 'text',
        allocation_state: 'text',
        allocation_due: 'bigint',
        allocation_received: 'bigint',
        allocation_shortfall: 'bigint',
      },
      rows: lineRows,
    },
    {
      name: 'orgs',
      eventType: 'Organization',
      source: (models) => orgDirectoryModel(models.Posting.db),
      projection: { level: 1, path: 1, divisionCode: 1 },
      columns: { level: 'text', path: 'text', province: 'text', city: 'text', county: 'text' },
      row: (o: OrgRef) => ({
        level: o.level ?? null,
        path: `/${o.path.join('/')}/`,
        ...regionCodesOf(o.divisionCode),
      }),
    },
  ],
  from: 'lines l LEFT JOIN orgs o ON o.id = l.organization_id LEFT JOIN orgs fo ON fo.id = l.funder_id',
  path: 'o.path',
  counts: 'records',
  dimensions: {
    ACCOUNT_LEVEL: labelled('o.level'),
    BOOK: labelled('l.book'),
    CATEGORY: labelled('l.category'),
    MONTH: { sql: 'l.month', label: (code) => code },
    YEAR: { sql: 'left(l.month, 4)', label: (code) => code },
    PROVINCE: region('province'),
    CITY: region('city'),
    COUNTY: region('county'),
    // A funder missing from the directory reads `unknown`; a line of no transfer or subsidy `NONE`.
    FUNDER_LEVEL: {
      sql: "CASE WHEN l.funder_id IS NULL THEN 'NONE' ELSE fo.level END",
      label: (code, language) => label(code === 'NONE' ? 'FUNDER_LEVEL_NONE' : code, language),
    },
    EARMARK: labelledAs('EARMARK', "coalesce(l.earmark, 'NONE')"),
    ALLOCATION_STATE: labelledAs('ALLOCATION_STATE', "coalesce(l.allocation_state, 'NONE')"),
    RECEIVING_UNION: {
      sql: 'CASE WHEN l.allocation_due IS NOT NULL THEN l.organization_id END',
      label: (code) => code,
    },
  },
  measures: {
    AMOUNT_FEN_SUM: measure('AMOUNT_FEN_SUM', { kind: 'SUM', sql: 'l.amount', persons: DUES_PAYERS }),
    AMOUNT_FEN_AVERAGE: measure('AMOUNT_FEN_AVERAGE', {
      kind: 'AVERAGE',
      sql: 'l.amount',
      persons: DUES_PAYERS,
    }),
    INCOME_FEN_SUM: measure('INCOME_FEN_SUM', {
      kind: 'SUM',
      sql: "CASE WHEN l.book = 'INCOME' THEN l.amount END",
      persons: DUES_PAYERS,
    }),
    // Dues are income: no member's payment is among the expenditure.
    EXPENSE_FEN_SUM: measure('EXPENSE_FEN_SUM', {
      kind: 'SUM',
      sql: "CASE WHEN l.book = 'EXPENSE' THEN l.amount END",
    }),
    // R9: of the subsidies and transfers received, the amount earmarked for townships over all of
    // it; per funder (FUNDER_LEVEL NATIONAL: the national federation's) and year, as
    // earmarkCompliance reports it. Amounts of unions: about no person.
    TOWNSHIP_EARMARK_RATE: measure('TOWNSHIP_EARMARK_RATE', {
      kind: 'RATE',
      sql: "l.earmark = 'TOWNSHIP'",
      of: "l.funder_id IS NOT NULL AND l.book = 'INCOME'",
      weight: 'l.amount',
    }),
    // R13: payroll allocations due (2 % of the units' payroll), received and short, as
    // allocationCompliance reports them per receiving union. A unit's payroll is no person's.
    ALLOCATION_DUE_FEN_SUM: measure('ALLOCATION_DUE_FEN_SUM', { kind: 'SUM', sql: 'l.allocation_due' }),
    ALLOCATION_RECEIVED_FEN_SUM: measure('ALLOCATION_RECEIVED_FEN_SUM', {
      kind: 'SUM',
      sql: 'l.allocation_received',
    }),
    ALLOCATION_SHORTFALL_FEN_SUM: measure('ALLOCATION_SHORTFALL_FEN_SUM', {
      kind: 'SUM',
      sql: 'l.allocation_shortfall',
    }),
  },
};
