import { BadUserInputError, breakdownRequest, type StatisticsTable } from '@union-graph/subgraph-kit';
import type { QueryWorkerServiceBreakdownArgs } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import {
  SUBJECT_DIMENSIONS,
  SUBJECT_MEASURES,
  UNION_DIMENSIONS,
  type WorkerServiceDimension,
} from '../statistics';

/**
 * `workerServiceBreakdown` (issue #19): one subject — hardship cases, Workers' Homes, labor alerts
 * or collective contracts — counted by its dimensions from the statistics read model, over the
 * subtree asked for or the caller's own, with its own measures only. Cases are about persons
 * (households in hardship): an analyst reads their cells and amounts under k withheld. Homes,
 * alerts and contracts are about unions, workplaces and public agreements, shown whole.
 */
export async function workerServiceBreakdown(
  ctx: Context,
  { subject, groupBy, filter, top }: QueryWorkerServiceBreakdownArgs,
): Promise<StatisticsTable> {
  const { statistics, k, ...request } = await breakdownRequest<WorkerServiceDimension>(ctx, {
    groupBy,
    top,
    filter,
  });
  const applies: readonly string[] = [...UNION_DIMENSIONS, ...SUBJECT_DIMENSIONS[subject]];
  const foreign = groupBy.find((d) => !applies.includes(d));
  if (foreign)
    throw new BadUserInputError(text('breakdownSubject', { dimension: foreign, subject }), 'groupBy');
  const table = await statistics.breakdown({
    ...request,
    groupBy,
    where: { SUBJECT: [subject], ...(filter?.provinceCodes ? { PROVINCE: filter.provinceCodes } : {}) },
    top,
    k: subject === 'ASSISTANCE_CASES' ? k : null,
  });
  const own = (measures: StatisticsTable['measures']) =>
    measures.filter((m) => (SUBJECT_MEASURES[subject] as readonly string[]).includes(m.measure));
  return {
    ...table,
    rows: table.rows.map((r) => ({ ...r, measures: own(r.measures) })),
    measures: own(table.measures),
  };
}
