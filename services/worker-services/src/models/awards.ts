import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';
import { TITLE_LEVELS, type TitleLevel } from './homes';

export interface CompetitionDoc {
  _id: string;
  organizationId: string;
  kind: 'LABOR_COMPETITION' | 'ANKANG_CUP';
  name: string;
  year: number;
}

const competitionSchema = new Schema<CompetitionDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    kind: { type: String, required: true, enum: ['LABOR_COMPETITION', 'ANKANG_CUP'] },
    name: { type: String, required: true, trim: true, minlength: 1 },
    year: { type: Number, required: true, min: 2000, max: 2100 },
  },
  { collection: 'competitions', timestamps: true, versionKey: false },
);
competitionSchema.plugin(idempotentRecords);

export interface CompetitionEntryDoc {
  _id: string;
  competitionId: string;
  organizationId: string;
  teamName: string;
}

const competitionEntrySchema = new Schema<CompetitionEntryDoc>(
  {
    _id: idField,
    competitionId: { type: String, required: true },
    organizationId: { type: String, required: true },
    teamName: { type: String, required: true, trim: true, minlength: 1 },
  },
  { collection: 'competition_entries', timestamps: true, versionKey: false },
);
competitionEntrySchema.plugin(idempotentRecords);
competitionEntrySchema.index({ competitionId: 1, organizationId: 1, teamName: 1 }, { unique: true });

export interface AwardNominationDoc {
  _id: string;
  kind: 'WORKER_VANGUARD' | 'MAY_DAY_AWARD' | 'MAY_DAY_MEDAL';
  level: TitleLevel;
  year: number;
  conferrerId: string;
  nomineeOrganizationId: string;
  name: string;
  memberId?: string | null;
}

const awardNominationSchema = new Schema<AwardNominationDoc>(
  {
    _id: idField,
    kind: { type: String, required: true, enum: ['WORKER_VANGUARD', 'MAY_DAY_AWARD', 'MAY_DAY_MEDAL'] },
    level: { type: String, required: true, enum: TITLE_LEVELS },
    year: { type: Number, required: true, min: 2000, max: 2100 },
    conferrerId: { type: String, required: true, index: true },
    nomineeOrganizationId: { type: String, required: true },
    name: { type: String, required: true, trim: true, minlength: 1 },
    memberId: { type: String, default: null },
  },
  { collection: 'award_nominations', timestamps: true, versionKey: false },
);
awardNominationSchema.plugin(idempotentRecords);
awardNominationSchema.index(
  { kind: 1, level: 1, year: 1, nomineeOrganizationId: 1, name: 1 },
  { unique: true },
);

export function createAwardModels(conn: Connection) {
  return {
    Competition: conn.model<CompetitionDoc>('Competition', competitionSchema),
    CompetitionEntry: conn.model<CompetitionEntryDoc>('CompetitionEntry', competitionEntrySchema),
    AwardNomination: conn.model<AwardNominationDoc>('AwardNomination', awardNominationSchema),
  };
}
