import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export interface TrainingDoc {
  _id: string;
  memberId: string;
  /** The union of the cadre position the training was recorded for (scope). */
  organizationId: string;
  cadreId: string;
  course: string;
  hours: number;
  completedOn: Date;
}

const trainingSchema = new Schema<TrainingDoc>(
  {
    _id: idField,
    memberId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    cadreId: { type: String, required: true },
    course: { type: String, required: true, trim: true, minlength: 1, maxlength: 200 },
    hours: { type: Number, required: true, min: 0 },
    completedOn: { type: Date, required: true },
  },
  { collection: 'trainings', timestamps: true, versionKey: false },
);

trainingSchema.plugin(idempotentRecords);

export function trainingModel(conn: Connection) {
  return conn.model<TrainingDoc>('Training', trainingSchema);
}
