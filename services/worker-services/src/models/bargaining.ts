import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

/** §12: a contract of one unit, or one a federation negotiates for a sector or an area (many units). */
export const CONTRACT_SCOPES = ['UNIT', 'SECTORAL', 'REGIONAL'] as const;
export type ContractScope = (typeof CONTRACT_SCOPES)[number];

export interface CollectiveContractDoc {
  _id: string;
  organizationId: string;
  kind: 'WAGE' | 'GENERAL' | 'SPECIAL';
  /** Absent on contracts stored before §12 sectoral contracts, which are all of one unit. */
  scope?: ContractScope;
  /** 行业 The sector a SECTORAL contract covers (e.g. 餐饮). */
  industry?: string | null;
  /** 区域 The area a REGIONAL contract covers (e.g. 某经济开发区). */
  area?: string | null;
  /** 企业方代表 The employers' side of a multi-unit contract: an association or the enterprises' representatives. */
  employerSide?: string | null;
  title: string;
  startsOn: Date;
  expiresOn: Date;
  renewsId?: string | null;
  /** `renewal-of:<id>` for a renewal, else the contract's own id: at most one renewal per contract. */
  renewsKey: string;
  createdAt: Date;
}

const collectiveContractSchema = new Schema<CollectiveContractDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    kind: { type: String, required: true, enum: ['WAGE', 'GENERAL', 'SPECIAL'] },
    scope: { type: String, enum: CONTRACT_SCOPES, default: 'UNIT' },
    industry: { type: String, default: null, trim: true, maxlength: 100 },
    area: { type: String, default: null, trim: true, maxlength: 100 },
    employerSide: { type: String, default: null, trim: true, maxlength: 200 },
    title: { type: String, required: true, trim: true, minlength: 1 },
    startsOn: { type: Date, required: true },
    expiresOn: { type: Date, required: true },
    renewsId: { type: String, default: null },
    renewsKey: { type: String, required: true, unique: true },
  },
  { collection: 'collective_contracts', timestamps: true, versionKey: false },
);
collectiveContractSchema.plugin(idempotentRecords);
// The same contract entered twice (same union, kind, start and, for §12, sector or area) is a
// duplicate, whoever wins the race; a street federation signs its sectors' contracts on one day.
collectiveContractSchema.index(
  { organizationId: 1, kind: 1, startsOn: 1, scope: 1, industry: 1, area: 1 },
  { unique: true },
);

export interface ResolutionDoc {
  title: string;
  votesFor: number;
  votesAgainst: number;
  abstentions: number;
}

export interface WorkersCongressDoc {
  _id: string;
  organizationId: string;
  term: number;
  session: number;
  heldOn: Date;
  delegates: number;
  frontLineDelegates: number;
  present: number;
  resolutions: ResolutionDoc[];
}

const workersCongressSchema = new Schema<WorkersCongressDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    term: { type: Number, required: true, min: 1 },
    session: { type: Number, required: true, min: 1 },
    heldOn: { type: Date, required: true },
    delegates: { type: Number, required: true, min: 1 },
    frontLineDelegates: { type: Number, required: true, min: 0 },
    present: { type: Number, required: true, min: 0 },
    resolutions: [
      {
        _id: false,
        title: { type: String, required: true, trim: true, minlength: 1 },
        votesFor: { type: Number, required: true, min: 0 },
        votesAgainst: { type: Number, required: true, min: 0 },
        abstentions: { type: Number, required: true, min: 0 },
      },
    ],
  },
  { collection: 'workers_congresses', timestamps: true, versionKey: false },
);
workersCongressSchema.plugin(idempotentRecords);
workersCongressSchema.index({ organizationId: 1, term: 1, session: 1 }, { unique: true });

export interface DisclosureDoc {
  _id: string;
  organizationId: string;
  topic: string;
  summary: string;
  disclosedOn: Date;
}

const disclosureSchema = new Schema<DisclosureDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    topic: {
      type: String,
      required: true,
      enum: ['WAGES', 'SAFETY', 'SOCIAL_INSURANCE', 'RESTRUCTURING', 'FINANCE', 'OTHER'],
    },
    summary: { type: String, required: true, trim: true, minlength: 1, maxlength: 4000 },
    disclosedOn: { type: Date, required: true },
  },
  { collection: 'disclosures', timestamps: true, versionKey: false },
);
disclosureSchema.plugin(idempotentRecords);

export interface EmployeeRepresentativeDoc {
  _id: string;
  organizationId: string;
  congressId: string;
  kind: 'EMPLOYEE_DIRECTOR' | 'EMPLOYEE_SUPERVISOR';
  memberId: string;
  termStart: Date;
  termEnd: Date;
}

const employeeRepresentativeSchema = new Schema<EmployeeRepresentativeDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    congressId: { type: String, required: true },
    kind: { type: String, required: true, enum: ['EMPLOYEE_DIRECTOR', 'EMPLOYEE_SUPERVISOR'] },
    memberId: { type: String, required: true },
    termStart: { type: Date, required: true },
    termEnd: { type: Date, required: true },
  },
  { collection: 'employee_representatives', timestamps: true, versionKey: false },
);
employeeRepresentativeSchema.plugin(idempotentRecords);
employeeRepresentativeSchema.index({ congressId: 1, kind: 1, memberId: 1 }, { unique: true });

export function createBargainingModels(conn: Connection) {
  return {
    CollectiveContract: conn.model<CollectiveContractDoc>('CollectiveContract', collectiveContractSchema),
    WorkersCongress: conn.model<WorkersCongressDoc>('WorkersCongress', workersCongressSchema),
    Disclosure: conn.model<DisclosureDoc>('Disclosure', disclosureSchema),
    EmployeeRepresentative: conn.model<EmployeeRepresentativeDoc>(
      'EmployeeRepresentative',
      employeeRepresentativeSchema,
    ),
  };
}
