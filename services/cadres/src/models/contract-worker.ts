import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/** 社会化工会工作者: hired by a union (usually a county or township federation) for its subtree. */
export interface ContractWorkerDoc {
  _id: string;
  memberId: string;
  /** The recruiting union; the worker is visible in its subtree. */
  organizationId: string;
  recruitedOn: Date;
  /** The number of steps recorded: raised once per appended step, the worker's event version. */
  version: number;
}

export const STEP_KINDS = ['RECRUIT', 'ASSIGN', 'DUTY', 'ASSESSMENT', 'EXIT'] as const;
export type StepKind = (typeof STEP_KINDS)[number];
export const ASSESSMENT_GRADES = ['EXCELLENT', 'COMPETENT', 'BASICALLY_COMPETENT', 'INCOMPETENT'] as const;

/**
 * One step of 选聘→使用→履职→考核→退出, appended and never changed. `stepKey` makes the steps that
 * may happen once (recruit, the n-th assignment, one assessment a year, exit) single inserts.
 */
export interface ContractWorkerStepDoc {
  _id: string;
  workerId: string;
  kind: StepKind;
  on: Date;
  stepKey: string;
  assignedOrganizationId: string | null;
  cadreId: string | null;
  summary: string | null;
  year: number | null;
  grade: (typeof ASSESSMENT_GRADES)[number] | null;
}

const workerSchema = new Schema<ContractWorkerDoc>(
  {
    _id: idField,
    memberId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    recruitedOn: { type: Date, required: true },
    version: { type: Number, required: true, default: 1 },
  },
  { collection: 'contract_workers', timestamps: true, versionKey: false },
);

const stepSchema = new Schema<ContractWorkerStepDoc>(
  {
    _id: idField,
    workerId: { type: String, required: true, index: true },
    kind: { type: String, required: true, enum: STEP_KINDS },
    on: { type: Date, required: true },
    stepKey: { type: String, required: true, unique: true },
    assignedOrganizationId: { type: String, default: null },
    cadreId: { type: String, default: null },
    summary: { type: String, default: null, maxlength: 2000 },
    year: { type: Number, default: null },
    grade: { type: String, default: null, enum: [...ASSESSMENT_GRADES, null] },
  },
  { collection: 'contract_worker_steps', timestamps: true, versionKey: false },
);

workerSchema.plugin(idempotentRecords);
stepSchema.plugin(idempotentRecords);

export function contractWorkerModels(conn: Connection) {
  return {
    ContractWorker: conn.model<ContractWorkerDoc>('ContractWorker', workerSchema),
    ContractWorkerStep: conn.model<ContractWorkerStepDoc>('ContractWorkerStep', stepSchema),
  };
}
