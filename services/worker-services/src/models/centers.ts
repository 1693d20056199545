import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/**
 * 职工帮扶服务中心 (§13): a place a federation runs where workers bring hardship cases. Cases name
 * the center that received them (`AssistanceCaseDoc.centerId`); the center holds no counts, so its
 * caseload is always what its cases say.
 */
export interface AssistanceCenterDoc {
  _id: string;
  organizationId: string;
  name: string;
  address: string;
  phone: string;
  openingHours: string;
  createdAt: Date;
}

const assistanceCenterSchema = new Schema<AssistanceCenterDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    name: { type: String, required: true, trim: true, minlength: 1 },
    address: { type: String, required: true, trim: true, minlength: 1 },
    phone: { type: String, required: true, trim: true },
    openingHours: { type: String, required: true, trim: true, minlength: 1 },
  },
  { collection: 'assistance_centers', timestamps: true, versionKey: false },
);
assistanceCenterSchema.plugin(idempotentRecords);

export function createCenterModels(conn: Connection) {
  return { AssistanceCenter: conn.model<AssistanceCenterDoc>('AssistanceCenter', assistanceCenterSchema) };
}
