import { idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export interface WorkersHomeDoc {
  _id: string;
  organizationId: string;
  name: string;
  kind: 'STANDARD' | 'JOINT' | 'ONLINE';
  establishedAt: Date;
}

const workersHomeSchema = new Schema<WorkersHomeDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    name: { type: String, required: true, trim: true },
    kind: { type: String, required: true, enum: ['STANDARD', 'JOINT', 'ONLINE'], default: 'STANDARD' },
    establishedAt: { type: Date, required: true },
  },
  { collection: 'workers_homes', timestamps: true, versionKey: false },
);

export function createModels(conn: Connection) {
  return { WorkersHome: conn.model<WorkersHomeDoc>('WorkersHome', workersHomeSchema) };
}

export type Models = ReturnType<typeof createModels>;
