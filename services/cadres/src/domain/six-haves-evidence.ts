import type { ChangeEvent, OrgSnapshotSource } from '@union-graph/subgraph-kit';
import type { CadreDoc, Models } from '../models';

/** A chair's term from an election: what organizations shows as the first have's proof (no person). */
export interface ElectedChairTerm {
  positionId: string;
  electionId: string;
  /** First day in office (YYYY-MM-DD). */
  from: string;
  /** Last day in office once the term ended; null while serving. */
  until: string | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * R5, the first of the six haves (有依法选举的工会主席): every chair term of each union that came from
 * a recorded election, so organizations can tell whether one was in office on any day of a year.
 */
export function electedChairEvidence(
  chairs: readonly Pick<
    CadreDoc,
    '_id' | 'organizationId' | 'position' | 'electionId' | 'status' | 'termStart' | 'termEnd'
  >[],
  unionIds: readonly string[],
): { electedChairs: ElectedChairTerm[] }[] {
  const termsOf = new Map<string, ElectedChairTerm[]>();
  for (const c of chairs) {
    if (c.position !== 'CHAIR' || !c.electionId) continue;
    const term = {
      positionId: c._id,
      electionId: c.electionId,
      from: day(c.termStart),
      until: c.status === 'ENDED' && c.termEnd ? day(c.termEnd) : null,
    };
    termsOf.set(c.organizationId, [...(termsOf.get(c.organizationId) ?? []), term]);
  }
  return unionIds.map((id) => ({
    electedChairs: (termsOf.get(id) ?? []).sort((a, b) => a.from.localeCompare(b.from)),
  }));
}

/** Chair positions are published as `Cadre` events naming their union and position. */
function chairUnions(events: readonly ChangeEvent[]): string[] {
  const ids = events.flatMap((e) => {
    const data = (e.data ?? {}) as { organizationId?: unknown; position?: unknown };
    return e.type === 'Cadre' && data.position === 'CHAIR' ? [data.organizationId] : [];
  });
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))];
}

/** What cadres tells organizations for the six haves (R5): organizations keeps it, never reads here. */
export const sixHavesEvidence: OrgSnapshotSource<Models> = {
  type: 'SixHavesEvidence',
  changedBy: async (events) => chairUnions(events),
  snapshots: async (models, unionIds) =>
    electedChairEvidence(
      await models.Cadre.find({
        organizationId: { $in: [...unionIds] },
        position: 'CHAIR',
        electionId: { $ne: null },
      }).lean<CadreDoc[]>(),
      unionIds,
    ),
  connection: (models) => models.Cadre.db,
};
