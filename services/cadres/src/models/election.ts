import { idempotentRecords, idField } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';
import { POSITIONS } from './cadre';

export interface CandidateDoc {
  _id: string;
  memberId: string;
  position: string;
  fullTime: boolean;
  publicityStart: Date;
  recommendedByUpperUnion: boolean;
}

export interface ElectionDoc {
  _id: string;
  organizationId: string;
  voteDate: Date;
  termYears: number;
  candidates: CandidateDoc[];
}

export interface TallyDoc {
  candidateId: string;
  votes: number;
  elected: boolean;
}

/**
 * The outcome of an election, keyed by the election's id: recording it is one insert, so two
 * concurrent submissions cannot both create positions.
 */
export interface ElectionResultDoc {
  _id: string;
  eligibleVoters: number;
  presentVoters: number;
  tallies: TallyDoc[];
}

const candidateSchema = new Schema<CandidateDoc>({
  _id: idField,
  memberId: { type: String, required: true },
  position: { type: String, required: true, enum: POSITIONS },
  fullTime: { type: Boolean, required: true, default: false },
  publicityStart: { type: Date, required: true },
  recommendedByUpperUnion: { type: Boolean, required: true, default: false },
});

const electionSchema = new Schema<ElectionDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    voteDate: { type: Date, required: true },
    termYears: { type: Number, required: true, enum: [3, 5] },
    candidates: { type: [candidateSchema], required: true },
  },
  { collection: 'elections', timestamps: true, versionKey: false },
);

const resultSchema = new Schema<ElectionResultDoc>(
  {
    _id: { type: String, required: true },
    eligibleVoters: { type: Number, required: true },
    presentVoters: { type: Number, required: true },
    tallies: {
      type: [{ _id: false, candidateId: String, votes: Number, elected: Boolean }],
      required: true,
    },
  },
  { collection: 'election_results', timestamps: true, versionKey: false },
);

electionSchema.plugin(idempotentRecords);

export function electionModels(conn: Connection) {
  return {
    Election: conn.model<ElectionDoc>('Election', electionSchema),
    ElectionResult: conn.model<ElectionResultDoc>('ElectionResult', resultSchema),
  };
}
