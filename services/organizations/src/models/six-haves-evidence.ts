import { type Connection, Schema } from 'mongoose';

/** The subgraphs whose records prove some of the six haves (R5), each publishing per-union snapshots. */
export const EVIDENCE_SOURCES = ['cadres', 'funds', 'worker-services'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** Cadres: the union's chair terms that came from a recorded election (days as YYYY-MM-DD). */
export interface ChairFacts {
  electedChairs: { positionId: string; electionId: string; from: string; until: string | null }[];
}

/** Funds: the union's account and its income book's receipts per year, in fen. */
export interface FundsFacts {
  account: { accountId: string; openedOn: string } | null;
  receipts: { year: number; fen: number }[];
}

/** Worker-services: service carriers, workers' congress sessions, satisfaction surveys' tallies. */
export interface ServicesFacts {
  carriers: { kind: 'WORKERS_HOME' | 'ONLINE_HOME' | 'ASSISTANCE_CENTER'; id: string; since: string }[];
  congresses: { congressId: string; heldOn: string }[];
  surveys: { surveyId: string; year: number; responses: number; satisfied: number }[];
}

/**
 * R5: what another subgraph knows of one union for the six haves, kept from its `SixHavesEvidence`
 * snapshots (organizations never reads those databases). `_id` is `<organizationId>:<source>`;
 * `version` is the snapshot's: an older or repeated snapshot never replaces a newer one.
 */
export interface SixHavesEvidenceDoc {
  _id: string;
  organizationId: string;
  source: EvidenceSource;
  version: number;
  /** When the source read its records for the snapshot. */
  asOf: Date;
  facts: Partial<ChairFacts & FundsFacts & ServicesFacts>;
}

const sixHavesEvidenceSchema = new Schema<SixHavesEvidenceDoc>(
  {
    _id: { type: String, required: true },
    organizationId: { type: String, required: true, index: true },
    source: { type: String, required: true, enum: EVIDENCE_SOURCES },
    version: { type: Number, required: true },
    asOf: { type: Date, required: true },
    facts: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'six_haves_evidence', versionKey: false, minimize: false },
);

export function sixHavesEvidenceModel(conn: Connection) {
  return conn.model<SixHavesEvidenceDoc>('SixHavesEvidence', sixHavesEvidenceSchema);
}
