import { type ChangeEvent, type EntityRef, memberRef, orgRef, uniqueRefs } from '@union-graph/subgraph-kit';
import type { CadreDoc } from '../models';

/** Append-only records never change after insert: version 1. */
export function recordEvents<T extends { _id: string }>(
  type: string,
  docs: readonly T[],
  affects: (doc: T) => (EntityRef | null)[] = () => [],
): ChangeEvent[] {
  return docs.map((d) => ({
    type,
    id: d._id,
    op: 'upsert' as const,
    version: 1,
    affects: uniqueRefs(affects(d)),
  }));
}

/**
 * What shows a position here: its union (chair, viceChairs, cadres, counts, hasElectedChair), its
 * member (positions), the election that created it and the contract worker holding it.
 */
export function cadreAffects(c: CadreDoc): (EntityRef | null)[] {
  return [
    orgRef(c.organizationId),
    memberRef(c.memberId),
    c.electionId ? { type: 'Election', id: c.electionId } : null,
    c.contractWorkerId ? { type: 'ContractWorker', id: c.contractWorkerId } : null,
  ];
}

export function cadreEvents(docs: readonly CadreDoc[]): ChangeEvent[] {
  return docs.map((c) => ({
    type: 'Cadre',
    id: c._id,
    op: 'upsert' as const,
    version: c.version,
    data: { organizationId: c.organizationId, position: c.position, status: c.status },
    affects: uniqueRefs(cadreAffects(c)),
  }));
}

/** Trainings show on every position of the member, and wherever those positions show. */
export function trainingAffects(positions: readonly CadreDoc[]): (EntityRef | null)[] {
  return positions.flatMap((c) => [{ type: 'Cadre', id: c._id }, ...cadreAffects(c)]);
}
