import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export interface LaborAlertDoc {
  _id: string;
  organizationId: string;
  category: string;
  description: string;
  workersAffected: number;
  createdAt: Date;
}

const laborAlertSchema = new Schema<LaborAlertDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    category: {
      type: String,
      required: true,
      enum: [
        'WAGE_ARREARS',
        'LAYOFFS',
        'RESTRUCTURING',
        'SOCIAL_INSURANCE',
        'SAFETY',
        'WORKING_HOURS',
        'OTHER',
      ],
    },
    description: { type: String, required: true, trim: true, minlength: 1, maxlength: 4000 },
    workersAffected: { type: Number, required: true, min: 1 },
  },
  { collection: 'labor_alerts', timestamps: true, versionKey: false },
);
laborAlertSchema.plugin(idempotentRecords);

export interface CollectiveDisputeDoc {
  _id: string;
  organizationId: string;
  /** The union that must be told (R8): the parent in the tree when the dispute was recorded. */
  upperUnionId: string;
  alertId?: string | null;
  /** `escalates:<alert id>`, else the dispute's own id: an alert escalates to one dispute only. */
  alertKey: string;
  description: string;
  workersInvolved: number;
  occurredAt: Date;
  createdAt: Date;
}

const collectiveDisputeSchema = new Schema<CollectiveDisputeDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    upperUnionId: { type: String, required: true },
    alertId: { type: String, default: null },
    alertKey: { type: String, required: true, unique: true },
    description: { type: String, required: true, trim: true, minlength: 1, maxlength: 4000 },
    workersInvolved: { type: Number, required: true, min: 2 },
    occurredAt: { type: Date, required: true },
  },
  { collection: 'collective_disputes', timestamps: true, versionKey: false },
);
collectiveDisputeSchema.plugin(idempotentRecords);

export function createAlertModels(conn: Connection) {
  return {
    LaborAlert: conn.model<LaborAlertDoc>('LaborAlert', laborAlertSchema),
    CollectiveDispute: conn.model<CollectiveDisputeDoc>('CollectiveDispute', collectiveDisputeSchema),
  };
}
