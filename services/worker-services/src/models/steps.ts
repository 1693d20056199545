import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/**
 * One recorded step of a workflow. Steps are appended, never updated: FerretDB has no transactions
 * and loses concurrent read-modify-write updates, but a unique insert has exactly one winner, so
 * `(subjectId, step, round)` makes every step happen once and the subject's state is derived from them.
 */
export interface StepDoc {
  _id: string;
  subjectId: string;
  subjectType: string;
  step: string;
  round: number;
  at: Date;
  by: string;
  passed?: boolean | null;
  note?: string | null;
  /** Step-specific facts (amounts, dates, figures): written once with the step. */
  data?: Record<string, unknown> | null;
}

const stepSchema = new Schema<StepDoc>(
  {
    _id: idField,
    subjectId: { type: String, required: true },
    subjectType: { type: String, required: true },
    step: { type: String, required: true },
    round: { type: Number, required: true, min: 1 },
    at: { type: Date, required: true },
    by: { type: String, required: true },
    passed: { type: Boolean, default: null },
    note: { type: String, default: null, trim: true, maxlength: 2000 },
    data: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'workflow_steps', versionKey: false },
);
stepSchema.plugin(idempotentRecords);
stepSchema.index({ subjectId: 1, step: 1, round: 1 }, { unique: true });

export function createStepModels(conn: Connection) {
  return { Step: conn.model<StepDoc>('Step', stepSchema) };
}

const DAY = 86_400_000;

/**
 * The steps of a model title that was applied for, assessed (passed) and commended, with stable ids:
 * what demo data needs so a seeded title reads as held (COMMENDED) rather than just created.
 */
export function heldTitleSteps(titleId: string, commendedAt: Date, by = 'seed'): StepDoc[] {
  const steps: [string, number, boolean | null][] = [
    ['APPLY', 60, null],
    ['ASSESS', 30, true],
    ['COMMEND', 0, null],
  ];
  return steps.map(([step, daysBefore, passed]) => ({
    _id: `${titleId}:${step}:1`,
    subjectId: titleId,
    subjectType: 'ModelTitle',
    step,
    round: 1,
    at: new Date(commendedAt.getTime() - daysBefore * DAY),
    by,
    passed,
    note: null,
    data: null,
  }));
}
