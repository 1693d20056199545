import type { BackgroundHost, ChangeEvent, StreamSubscription } from '@union-graph/subgraph-kit';
import { EVIDENCE_SOURCES, type EvidenceSource, type Models, type SixHavesEvidenceDoc } from '../models';
import { askWhenEmptyAndPeriodically, keepNewest } from './newest-snapshots';

/** The snapshot event cadres, funds and worker-services publish per union (R5). */
export const SIX_HAVES_EVIDENCE_EVENT = 'SixHavesEvidence';

/** The facts each source sends: a snapshot missing any of them is not used. */
const FACTS: Record<EvidenceSource, readonly string[]> = {
  cadres: ['electedChairs'],
  funds: ['account', 'receipts'],
  'worker-services': ['carriers', 'congresses', 'surveys'],
};

function evidenceOf(source: EvidenceSource) {
  return (e: ChangeEvent): SixHavesEvidenceDoc | null => {
    if (e.type !== SIX_HAVES_EVIDENCE_EVENT || e.op !== 'upsert') return null;
    const data = (e.data ?? {}) as Record<string, unknown>;
    const asOf = new Date(String(data.asOf));
    if (Number.isNaN(asOf.getTime()) || !FACTS[source].every((f) => f in data)) return null;
    const facts = Object.fromEntries(FACTS[source].map((f) => [f, data[f]]));
    return { _id: `${e.id}:${source}`, organizationId: e.id, source, version: e.version, asOf, facts };
  };
}

/**
 * R5: one subscription per source subgraph, each keeping that source's snapshots in the one
 * `six_haves_evidence` read model; per union and source the newest snapshot wins (keepNewest).
 */
export const evidenceSubscriptions: StreamSubscription<Models>[] = EVIDENCE_SOURCES.map((source) => ({
  source,
  handle: (events, models) => keepNewest(models.SixHavesEvidence, events, evidenceOf(source)),
}));

/** Asks the sources for every union's evidence when the read model is empty and every period. */
export function askForSixHavesEvidence(host: BackgroundHost<Models>): () => void {
  return askWhenEmptyAndPeriodically(host, host.models.SixHavesEvidence, EVIDENCE_SOURCES);
}
