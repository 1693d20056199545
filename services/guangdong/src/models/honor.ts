import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const HONOR_KINDS = [
  'MODEL_WORKER',
  'MAY_DAY_MEDAL',
  'MAY_DAY_AWARD',
  'WORKER_VANGUARD',
  'MODEL_WORKERS_HOME',
] as const;
export type HonorKind = (typeof HONOR_KINDS)[number];

/** Honors conferred on a person; the others go to a unit, team or union. */
export const PERSONAL_HONORS: ReadonlySet<HonorKind> = new Set(['MODEL_WORKER', 'MAY_DAY_MEDAL']);

/** 广东省级荣誉, append-only. */
export interface HonorDoc {
  _id: string;
  kind: HonorKind;
  year: number;
  organizationId: string;
  memberId: string | null;
  /** `kind:year:holder`: unique, so the same honor is never recorded twice for one holder. */
  holderKey: string;
  /** The fingerprint of the request an idempotency key appended it with (`appendOnce`). */
  requestHash?: string;
}

const honorSchema = new Schema<HonorDoc>(
  {
    _id: idField,
    kind: { type: String, required: true, enum: HONOR_KINDS },
    year: { type: Number, required: true },
    organizationId: { type: String, required: true, index: true },
    memberId: { type: String, default: null, index: true },
    holderKey: { type: String, required: true, unique: true },
  },
  { collection: 'honors', timestamps: true, versionKey: false },
);
honorSchema.plugin(idempotentRecords);

export function honorModel(conn: Connection) {
  return conn.model<HonorDoc>('Honor', honorSchema);
}
