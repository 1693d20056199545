import {
  BadUserInputError,
  breakdownRequest,
  type Statistics,
  type StatisticsTable,
  today,
} from '@union-graph/subgraph-kit';
import type { QueryOrganizationBreakdownArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import { FIRST_ASSESSMENT_YEAR, LATEST_ASSESSMENT, type OrganizationDimension } from '../statistics';

type Where = Partial<Record<OrganizationDimension, readonly string[]>>;

const YEARS_FIELD = 'filter.assessmentYears';

/**
 * `organizationBreakdown` (issue #19): active unions counted by dimensions from the statistics
 * read model over the caller's subtree (or a union of it asked for). Unions are public registry
 * data, so an analyst's counts stand; the members they sum are held to k (docs/statistics.md).
 * The read model holds a union once per assessment year (statistics.ts), so every question names
 * its years: those asked, those grouped by, or each union's latest assessment.
 */
export async function organizationBreakdown(
  ctx: Context,
  { groupBy, filter, top }: QueryOrganizationBreakdownArgs,
): Promise<StatisticsTable> {
  const { statistics, ...request } = await breakdownRequest<OrganizationDimension>(ctx, {
    groupBy,
    top,
    filter,
  });
  const where: Where = {};
  if (filter?.provinceCodes) where.PROVINCE = filter.provinceCodes;
  if (filter?.types) where.ORGANIZATION_TYPE = filter.types;
  const byYear = groupBy.includes('ASSESSMENT_YEAR');
  const years = filter?.assessmentYears
    ? askedYears(filter.assessmentYears, byYear)
    : byYear
      ? await assessedYears(statistics, where, request.root)
      : null;
  where.ASSESSMENT_YEAR = years?.map(String) ?? [LATEST_ASSESSMENT];
  const table = await statistics.breakdown({ groupBy, where, top, ...request });
  return years && years.length > 1 ? withoutMembersAcrossYears(table) : table;
}

/** R5's years, as recordSixHavesAssessment accepts them; several only when grouped by year. */
function askedYears(asked: readonly number[], byYear: boolean): number[] {
  const current = today().getUTCFullYear();
  if (asked.some((y) => !Number.isInteger(y) || y < FIRST_ASSESSMENT_YEAR || y > current))
    throw new BadUserInputError(text('assessmentYear'), YEARS_FIELD);
  const years = [...new Set(asked)];
  if (years.length > 1 && !byYear) throw new BadUserInputError(text('assessmentYearsGrouped'), YEARS_FIELD);
  return years;
}

/** The years some union the question counts was assessed in, for grouping by year unasked. */
async function assessedYears(
  statistics: Statistics<OrganizationDimension>,
  where: Where,
  root: string | null,
): Promise<number[]> {
  const every = Array.from(
    { length: today().getUTCFullYear() - FIRST_ASSESSMENT_YEAR + 1 },
    (_, i) => `${FIRST_ASSESSMENT_YEAR + i}`,
  );
  const assessed = await statistics.breakdown({
    groupBy: ['ASSESSMENT_YEAR'],
    where: { ...where, ASSESSMENT_YEAR: every, SIX_HAVES_COMPLIANCE: ['COMPLIANT', 'NOT_COMPLIANT'] },
    root,
    // Only the years are read, never shown.
    k: null,
  });
  return assessed.rows.map((r) => Number(r.values[0]!.code)).sort((a, b) => a - b);
}

/**
 * Over several years each union's registry members would be summed once per year: a figure about
 * nobody, and for an analyst the margin giving back each year's cell withheld under k (the
 * registry's count is the same in every year). The cells, one year each, stand.
 */
function withoutMembersAcrossYears(table: StatisticsTable): StatisticsTable {
  return {
    ...table,
    measures: table.measures.map((m) =>
      m.measure === 'MEMBERS_SUM' ? { ...m, value: null, rate: null, suppressed: true } : m,
    ),
  };
}
