import {
  BadUserInputError,
  breakdownRequest,
  type MeasureValue,
  type StatisticsTable,
} from '@union-graph/subgraph-kit';
import type { CadreBreakdownFilter, QueryCadreBreakdownArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import { type CadreDimension, type CadreSubject, SUBJECTS } from '../statistics';

/** Filter fields that select records of one subject only. */
const SUBJECT_FILTERS: Record<CadreSubject, readonly (keyof CadreBreakdownFilter)[]> = {
  CADRES: ['positions', 'fullTime'],
  UNIONS: ['staffingRules'],
};

/** The filter as codes per dimension, the way the read model matches them. */
function whereOf(filter: CadreBreakdownFilter | null | undefined): Partial<Record<CadreDimension, string[]>> {
  const where: Partial<Record<CadreDimension, string[]>> = {};
  if (filter?.provinceCodes) where.PROVINCE = filter.provinceCodes;
  if (filter?.positions) where.POSITION = filter.positions;
  if (filter?.fullTime != null) where.EMPLOYMENT = [filter.fullTime ? 'FULL_TIME' : 'PART_TIME'];
  if (filter?.staffingRules) where.STAFFING_RULE = filter.staffingRules;
  return where;
}

/** Another subject's dimension or filter would match nothing: refused, as worker-services does. */
function checkSubject(
  subject: CadreSubject,
  groupBy: readonly CadreDimension[],
  filter?: CadreBreakdownFilter | null,
) {
  const foreign = groupBy.find((d) => !SUBJECTS[subject].dimensions.includes(d));
  if (foreign) throw new BadUserInputError(text('breakdownSubject', { field: foreign, subject }), 'groupBy');
  const other = (Object.keys(SUBJECT_FILTERS) as CadreSubject[])
    .filter((s) => s !== subject)
    .flatMap((s) => SUBJECT_FILTERS[s])
    .find((f) => filter?.[f] != null);
  if (other)
    throw new BadUserInputError(text('breakdownSubject', { field: other, subject }), `filter.${other}`);
}

/** The subject's own measures: the declaration computes every subject's for every table. */
function measuresOf(table: StatisticsTable, subject: CadreSubject): StatisticsTable {
  const own = (ms: MeasureValue[]) =>
    ms.filter((m) => (SUBJECTS[subject].measures as readonly string[]).includes(m.measure));
  return {
    ...table,
    measures: own(table.measures),
    rows: table.rows.map((r) => ({ ...r, measures: own(r.measures) })),
  };
}

/**
 * `cadreBreakdown` (issue #19): serving cadres, or live unions with their R3 / R4 staffing and
 * their chair's R6 / R17 state, counted by dimensions from the statistics read model over the
 * subtree asked for or the caller's own. Cadres are persons: an analyst reads cells under k
 * withheld. Unions are registry facts and their counts stand, except grouped by their chair's
 * training, where each union is its chair; the full-time staff sums are persons either way
 * (docs/statistics.md).
 */
export async function cadreBreakdown(
  ctx: Context,
  { subject, groupBy, filter, top }: QueryCadreBreakdownArgs,
): Promise<StatisticsTable> {
  const { statistics, ...request } = await breakdownRequest<CadreDimension>(ctx, { groupBy, top, filter });
  const counted = subject ?? 'CADRES';
  checkSubject(counted, groupBy, filter);
  const table = await statistics.breakdown({
    ...request,
    groupBy,
    where: { SUBJECT: [counted], ...whereOf(filter) },
    top,
    counts: counted === 'CADRES' || groupBy.includes('CHAIR_TRAINING') ? 'persons' : 'records',
  });
  return measuresOf(table, counted);
}
