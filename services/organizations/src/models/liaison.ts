import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/**
 * A liaison point (工会联系点, §17): a grassroots union an upper union keeps in direct touch with
 * through one of its staff, a cadre (cadres subgraph, by id) or a staff member named here.
 */
export interface LiaisonPointDoc {
  _id: string;
  upperOrgId: string;
  organizationId: string;
  cadreId: string | null;
  staffName: string | null;
  since: Date;
  recordedBy: string;
}

export const liaisonPointSchema = new Schema<LiaisonPointDoc>(
  {
    _id: idField,
    upperOrgId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    cadreId: { type: String, default: null },
    staffName: { type: String, default: null, trim: true, maxlength: 100 },
    since: { type: Date, required: true },
    recordedBy: { type: String, required: true },
  },
  { collection: 'liaison_points', versionKey: false },
);
// One liaison point per upper union and grassroots union.
liaisonPointSchema.index({ upperOrgId: 1, organizationId: 1 }, { unique: true });
liaisonPointSchema.plugin(idempotentRecords);

export function liaisonPointModel(conn: Connection) {
  return conn.model<LiaisonPointDoc>('LiaisonPoint', liaisonPointSchema);
}

/** A visit of the upper union's staff to its liaison point. */
export interface LiaisonVisitDoc {
  _id: string;
  pointId: string;
  organizationId: string;
  upperOrgId: string;
  visitedOn: Date;
  purpose: string;
  findings: string | null;
  recordedBy: string;
}

export const liaisonVisitSchema = new Schema<LiaisonVisitDoc>(
  {
    _id: idField,
    pointId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true },
    upperOrgId: { type: String, required: true },
    visitedOn: { type: Date, required: true },
    purpose: { type: String, required: true, trim: true, maxlength: 200 },
    findings: { type: String, default: null, maxlength: 2000 },
    recordedBy: { type: String, required: true },
  },
  { collection: 'liaison_visits', versionKey: false },
);
liaisonVisitSchema.plugin(idempotentRecords);

export function liaisonVisitModel(conn: Connection) {
  return conn.model<LiaisonVisitDoc>('LiaisonVisit', liaisonVisitSchema);
}
