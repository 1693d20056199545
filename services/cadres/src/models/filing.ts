import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const CONTRACT_CHANGE_KINDS = ['CHANGE', 'RESCISSION', 'TERMINATION'] as const;

/** 基层工会主席劳动合同变更、解除、终止备案 (R7), append-only. */
export interface ContractFilingDoc {
  _id: string;
  organizationId: string;
  cadreId: string;
  memberId: string;
  /** The upper union it was filed with: the union's parent when filed. */
  filedWithId: string;
  kind: (typeof CONTRACT_CHANGE_KINDS)[number];
  effectiveOn: Date;
  filedOn: Date;
  late: boolean;
  lateReason: string | null;
}

const filingSchema = new Schema<ContractFilingDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    cadreId: { type: String, required: true },
    memberId: { type: String, required: true },
    filedWithId: { type: String, required: true, index: true },
    kind: { type: String, required: true, enum: CONTRACT_CHANGE_KINDS },
    effectiveOn: { type: Date, required: true },
    filedOn: { type: Date, required: true },
    late: { type: Boolean, required: true },
    lateReason: { type: String, default: null },
  },
  { collection: 'contract_filings', timestamps: true, versionKey: false },
);

filingSchema.plugin(idempotentRecords);

export function contractFilingModel(conn: Connection) {
  return conn.model<ContractFilingDoc>('ContractFiling', filingSchema);
}
