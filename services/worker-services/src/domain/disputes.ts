import { now as clock } from '@union-graph/subgraph-kit';
import type { CollectiveDisputeDoc } from '../models';
import { disputeRules } from '../rules';

/** R8: a report (or, while unreported, the present moment) later than the configured hours is late. */
export function reportedLate(
  d: Pick<CollectiveDisputeDoc, 'occurredAt'>,
  reportedAt: Date | null,
  now = clock(),
  rules = disputeRules,
): boolean {
  return +(reportedAt ?? now) - +d.occurredAt > rules.lateAfterHours * 3_600_000;
}
