import { idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export interface CadreDoc {
  _id: string;
  organizationId: string;
  memberId: string;
  position: string;
  fullTime: boolean;
  termStart: Date;
  termEnd: Date | null;
}

const cadreSchema = new Schema<CadreDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    memberId: { type: String, required: true, index: true },
    position: { type: String, required: true },
    fullTime: { type: Boolean, required: true, default: false },
    termStart: { type: Date, required: true },
    termEnd: { type: Date, default: null },
  },
  { collection: 'cadres', timestamps: true, versionKey: false },
);

export function createModels(conn: Connection) {
  return { Cadre: conn.model<CadreDoc>('Cadre', cadreSchema) };
}

export type Models = ReturnType<typeof createModels>;
