import { idempotentRecords, idField, newId } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const POSITIONS = [
  'CHAIR',
  'VICE_CHAIR',
  'COMMITTEE_MEMBER',
  'ORGANIZER',
  'WOMEN_COMMITTEE_CHAIR',
  'FUNDS_AUDIT_CHAIR',
  'FULL_TIME_STAFF',
] as const;
export type PositionName = (typeof POSITIONS)[number];

export const CADRE_SOURCES = ['ELECTED', 'UPPER_UNION_RECOMMENDED', 'APPOINTED', 'CONTRACT_WORKER'] as const;
export type CadreSource = (typeof CADRE_SOURCES)[number];

export const SERVING = 'SERVING';
export const ENDED = 'ENDED';

export interface CadreDoc {
  _id: string;
  organizationId: string;
  memberId: string;
  position: string;
  fullTime: boolean;
  source: CadreSource;
  status: typeof SERVING | typeof ENDED;
  termStart: Date;
  /** Planned end while serving (null when open-ended); the actual last day once ENDED. */
  termEnd: Date | null;
  endReason: string | null;
  electionId: string | null;
  contractWorkerId: string | null;
  /**
   * `<organizationId>:CHAIR` while a chair serves, a key of its own otherwise (its id, or a fresh
   * one under an idempotency key). Unique: the one insert that wins is the one chair, since FerretDB
   * cannot make a read-then-write atomic.
   */
  seatKey: string;
  version: number;
}

/** The key that makes "one serving chair per union" an insert under a unique index. */
export function seatKeyOf(c: Pick<CadreDoc, '_id' | 'organizationId' | 'position' | 'status'>): string {
  return c.position === 'CHAIR' && c.status === SERVING ? `${c.organizationId}:CHAIR` : c._id;
}

const cadreSchema = new Schema<CadreDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    memberId: { type: String, required: true, index: true },
    position: { type: String, required: true, enum: POSITIONS },
    fullTime: { type: Boolean, required: true, default: false },
    source: { type: String, required: true, enum: CADRE_SOURCES, default: 'APPOINTED' },
    status: { type: String, required: true, enum: [SERVING, ENDED], default: SERVING },
    termStart: { type: Date, required: true },
    termEnd: { type: Date, default: null },
    endReason: { type: String, default: null },
    electionId: { type: String, default: null, index: true },
    contractWorkerId: { type: String, default: null },
    // Rows written without a key (e.g. bulk loads) get a unique one, so they never block each other.
    seatKey: { type: String, required: true, unique: true, default: newId },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'cadres', timestamps: true, versionKey: false },
);

cadreSchema.plugin(idempotentRecords);

export function cadreModel(conn: Connection) {
  return conn.model<CadreDoc>('Cadre', cadreSchema);
}
