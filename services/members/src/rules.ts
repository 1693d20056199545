import { loadRules, z } from '@union-graph/subgraph-kit';

/**
 * Disclosure control of member statistics (issue #19, docs/statistics.md): an analyst never reads
 * a count of fewer than `minimumCount` persons. Statistics offices set their own threshold, so a
 * deployment overrides it with `UNION_GRAPH_RULES_STATISTICS`.
 */
export const statisticsRules = loadRules('statistics', z.object({ minimumCount: z.number().int().min(2) }), {
  minimumCount: 5,
});
