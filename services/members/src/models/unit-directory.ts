import { type Connection, Schema } from 'mongoose';

/**
 * 单位名录 What members knows of a host unit (the employer behind a union) from organizations'
 * `HostUnit` events: enough for the join-at-source check (§8, R12), nothing else. Organizations owns
 * the units; this is a read model, replaced whole by newer snapshots.
 */
export interface UnitRefDoc {
  _id: string;
  /** 统一社会信用代码 The unit's unified social credit code (members' `employerCreditCode`). */
  creditCode: string;
  name: string;
  /** The union covering the unit (its own grassroots union or a joint one); null when uncovered. */
  coveredBy: string | null;
  /** The unit's version at organizations: a snapshot replaces an older one only. */
  version: number;
}

const unitRefSchema = new Schema<UnitRefDoc>(
  {
    _id: { type: String, required: true },
    creditCode: { type: String, required: true, index: true },
    name: { type: String, required: true },
    coveredBy: { type: String, default: null, index: true },
    version: { type: Number, required: true },
  },
  { collection: 'unit_directory', versionKey: false },
);

export function unitDirectoryModel(conn: Connection) {
  return conn.model<UnitRefDoc>('UnitDirectory', unitRefSchema);
}
