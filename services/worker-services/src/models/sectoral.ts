import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/**
 * 覆盖单位 One host unit a sectoral or regional contract covers (§12). The contract's kind and term
 * are copied in, so "is this unit already under a contract of that kind then" is one query on the
 * unit. Removing a unit stamps `removedOn` (through the kit's updateDocument): the history stays.
 */
export interface CoveredUnitDoc {
  _id: string;
  contractId: string;
  /** The negotiating federation (the contract's union): what scopes the record. */
  organizationId: string;
  hostUnitId: string;
  unitName: string;
  /** The union covering the unit when it was added (its own or a joint one), for the region and scope. */
  coveringUnionId: string;
  /** 覆盖职工人数 Workers of the unit the contract covers. */
  workersCovered: number;
  kind: string;
  startsOn: Date;
  expiresOn: Date;
  removedOn: Date | null;
  createdAt: Date;
}

const coveredUnitSchema = new Schema<CoveredUnitDoc>(
  {
    _id: idField,
    contractId: { type: String, required: true, index: true },
    organizationId: { type: String, required: true, index: true },
    hostUnitId: { type: String, required: true, index: true },
    unitName: { type: String, required: true },
    coveringUnionId: { type: String, required: true },
    workersCovered: { type: Number, required: true, min: 1 },
    kind: { type: String, required: true },
    startsOn: { type: Date, required: true },
    expiresOn: { type: Date, required: true },
    removedOn: { type: Date, default: null },
  },
  { collection: 'contract_covered_units', timestamps: true, versionKey: false },
);
coveredUnitSchema.plugin(idempotentRecords);
// A unit is listed once per contract: removing and adding it again reopens the same record.
coveredUnitSchema.index({ contractId: 1, hostUnitId: 1 }, { unique: true });

/**
 * 单位名录 What this subgraph knows of a host unit, read from organizations' `HostUnit` events: its
 * name and the union covering it, which place the unit in the tree for the §12 scope check.
 */
export interface KnownUnitDoc {
  _id: string;
  name: string;
  coveredBy: string | null;
  /** The unit's version at organizations: only a newer snapshot replaces the held one. */
  version: number;
}

const knownUnitSchema = new Schema<KnownUnitDoc>(
  {
    _id: { type: String, required: true },
    version: { type: Number, required: true },
    name: { type: String, required: true },
    coveredBy: { type: String, default: null },
  },
  { collection: 'unit_directory', versionKey: false },
);

export function createSectoralModels(conn: Connection) {
  return {
    CoveredUnit: conn.model<CoveredUnitDoc>('CoveredUnit', coveredUnitSchema),
    UnitDirectory: conn.model<KnownUnitDoc>('UnitDirectory', knownUnitSchema),
  };
}

/** A host unit as the gateway names it (organizations owns it; §12 adds the contracts covering it). */
export interface HostUnitRef {
  id: string;
  employeeCount?: number;
}
