import type { Message } from '@union-graph/subgraph-kit';
import { text } from '../messages';
import type { Book } from '../models';

export const INCOME_CATEGORIES = [
  'PAYROLL_ALLOCATION',
  'PREPARATORY_FUND',
  'DUES',
  'SUBSIDY_FROM_UPPER',
  'GOVERNMENT_SUBSIDY',
  'OTHER_INCOME',
] as const;

export const EXPENSE_CATEGORIES = [
  'WORKER_ACTIVITIES',
  'WORKER_SERVICES',
  'RIGHTS_PROTECTION',
  'OPERATIONS',
  'CAPITAL',
  'SUBSIDY_TO_LOWER',
  'OTHER_EXPENSE',
] as const;

/** Spending that reaches workers directly: the share a budget reports as spent on workers. */
export const WORKER_CATEGORIES: ReadonlySet<string> = new Set([
  'WORKER_ACTIVITIES',
  'WORKER_SERVICES',
  'RIGHTS_PROTECTION',
]);

const BOOK_CATEGORIES: Record<Book, ReadonlySet<string>> = {
  FUNDS: new Set(),
  INCOME: new Set(INCOME_CATEGORIES),
  EXPENSE: new Set(EXPENSE_CATEGORIES),
};

/** Why a category does not fit a book, or null when it does (FUNDS lines carry none). */
export function categoryProblem(book: Book, category: string | null | undefined): Message | null {
  if (book === 'FUNDS') return category ? text('fundsLineCategory') : null;
  if (!category) return text('lineNeedsCategory', { book });
  return BOOK_CATEGORIES[book].has(category) ? null : text('wrongBook', { category, book });
}

/**
 * Union types that may hold and spend each earmark: township/street unions the national
 * federation's earmark (R9); unions above the grassroots their cadre rights-protection fund
 * (工会干部权益保障金), from which they pay part-time cadres below them (§16).
 */
export const EARMARK_RECIPIENT_TYPES: Record<string, ReadonlySet<string>> = {
  TOWNSHIP: new Set(['TOWNSHIP_FEDERATION']),
  CADRE_RIGHTS: new Set([
    'NATIONAL_FEDERATION',
    'LOCAL_FEDERATION',
    'INDUSTRIAL_UNION',
    'TOWNSHIP_FEDERATION',
    'TOWNSHIP_WORK_COMMITTEE',
    'DEV_ZONE_UNION',
    'REGIONAL_FEDERATION',
    'SECTORAL_FEDERATION',
  ]),
};

/** Why a union may not hold an earmark: the township wording of R9, or the rights fund's own. */
export function earmarkHolderProblem(earmark: string, org: { name: string; type: string }): Message {
  return earmark === 'CADRE_RIGHTS'
    ? text('rightsFundHolder', { org: org.name, type: org.type })
    : text('earmarkHolder', { org: org.name, type: org.type });
}
