import { division, regionCodesOf } from '@union-graph/domain';
import {
  type Dimension,
  type Language,
  type Measure,
  type OrgRef,
  orgDirectoryModel,
  renderMessage,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
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
  'PROVINCE',
  'CITY',
  'COUNTY',
] as const;
export type FundsDimension = (typeof FUNDS_DIMENSIONS)[number];
export type FundsMeasure = 'AMOUNT_FEN_SUM' | 'AMOUNT_FEN_AVERAGE' | 'INCOME_FEN_SUM' | 'EXPENSE_FEN_SUM';

const label = (code: string, language: Language | undefined) =>
  renderMessage(`funds.statistics.${code}`, {}, language ?? 'zh');

const labelled = (sql: string): Dimension => ({ sql, label });

const region = (column: string): Dimension => ({
  sql: `o.${column}`,
  label: (code, language) => division(code)?.name ?? label('unknown', language),
});

const measure = (code: FundsMeasure, m: Omit<Measure, 'label'>): Measure => ({
  ...m,
  label: (language) => label(code, language),
});

/**
 * The persons behind a cell's amounts: members whose dues it holds (a dues payment tells their
 * wage), so an analyst never reads a sum or average of fewer than k members' dues.
 */
const DUES_PAYERS = 'count_if(l.member_paid)';

export const fundsStatistics: StatisticsDeclaration<Models, FundsDimension, FundsMeasure> = {
  tables: [
    {
      name: 'lines',
      eventType: 'Posting',
      source: (models) => models.Posting,
      projection: { period: 1, lines: 1, memberId: 1 },
      columns: {
        organization_id: 'text',
        book: 'text',
        category: 'text',
        month: 'text',
        amount: 'bigint',
        member_paid: 'bool',
      },
      // Income lines count what came in (credit), expenditure lines what went out (debit); a
      // reversal's lines count negative, so sums net it out.
      rows: (p: PostingDoc) =>
        p.lines
          .filter((l) => l.book !== 'FUNDS')
          .map((l) => ({
            organization_id: l.organizationId,
            book: l.book,
            category: l.category,
            month: p.period,
            amount: l.book === 'INCOME' ? l.credit - l.debit : l.debit - l.credit,
            member_paid: p.memberId != null,
          })),
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
  from: 'lines l LEFT JOIN orgs o ON o.id = l.organization_id',
  path: 'o.path',
  counts: 'records',
  dimensions: {
    ACCOUNT_LEVEL: labelled('o.level'),
    BOOK: labelled('l.book'),
    CATEGORY: labelled('l.category'),
    MONTH: { sql: 'l.month', label: (code) => code },
    PROVINCE: region('province'),
    CITY: region('city'),
    COUNTY: region('county'),
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
  },
};
