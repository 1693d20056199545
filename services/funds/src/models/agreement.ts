import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { Schema } from 'mongoose';

/**
 * 上代下: `openKey` is the lower union's id while the agreement is active and the agreement's own
 * id once ended, so the unique index allows one active agreement per lower union (FerretDB has no
 * partial indexes).
 */
export interface AgreementDoc {
  _id: string;
  upperId: string;
  lowerId: string;
  openKey: string;
  startedOn: Date;
  endedOn: Date | null;
  /** Set when entered under an idempotency key (see appendOnce). */
  requestHash?: string;
}

export const agreementSchema = new Schema<AgreementDoc>(
  {
    _id: idField,
    upperId: { type: String, required: true, index: true },
    lowerId: { type: String, required: true, index: true },
    openKey: { type: String, required: true, unique: true },
    startedOn: { type: Date, required: true },
    endedOn: { type: Date, default: null },
  },
  { collection: 'centralized_accounting', timestamps: true, versionKey: false },
);
agreementSchema.plugin(idempotentRecords);
