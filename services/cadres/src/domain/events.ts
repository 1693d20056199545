import type { ChangeEvent } from '@union-graph/subgraph-kit';
import type { CadreDoc } from '../models';

/** Append-only records never change after insert: version 1. */
export function recordEvents(type: string, docs: readonly { _id: string }[]): ChangeEvent[] {
  return docs.map((d) => ({ type, id: d._id, op: 'upsert' as const, version: 1 }));
}

export function cadreEvents(docs: readonly CadreDoc[]): ChangeEvent[] {
  return docs.map((c) => ({
    type: 'Cadre',
    id: c._id,
    op: 'upsert' as const,
    version: c.version,
    data: { organizationId: c.organizationId, position: c.position, status: c.status },
  }));
}
