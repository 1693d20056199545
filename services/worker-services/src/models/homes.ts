import { idempotentRecords, idField, newId } from '@union-graph/subgraph-kit';
import { type Connection, Schema } from 'mongoose';

export const TITLE_LEVELS = ['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'] as const;
export type TitleLevel = (typeof TITLE_LEVELS)[number];

export interface WorkersHomeDoc {
  _id: string;
  organizationId: string;
  name: string;
  kind: 'STANDARD' | 'JOINT' | 'ONLINE';
  establishedAt: Date;
  /**
   * `own:<union id>` for a union's own (or joint) home, unique: one per union whatever the home's id
   * (a record appended under an idempotency key has the key's id). Online homes get a key of their own.
   */
  homeKey: string;
}

const workersHomeSchema = new Schema<WorkersHomeDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    name: { type: String, required: true, trim: true },
    kind: { type: String, required: true, enum: ['STANDARD', 'JOINT', 'ONLINE'], default: 'STANDARD' },
    establishedAt: { type: Date, required: true },
    // A default, so seeded homes (packages/seed) get theirs too.
    homeKey: {
      type: String,
      unique: true,
      default: function (this: WorkersHomeDoc) {
        return this.kind === 'ONLINE' ? `online:${newId()}` : `own:${this.organizationId}`;
      },
    },
  },
  { collection: 'workers_homes', timestamps: true, versionKey: false },
);
workersHomeSchema.plugin(idempotentRecords);

/** A campaign for a model title: the subject of the create → apply → assess → commend → recheck steps. */
export interface ModelTitleDoc {
  _id: string;
  homeId: string;
  organizationId: string;
  level: TitleLevel;
  conferrerId: string;
  round: number;
  createdAt: Date;
}

const modelTitleSchema = new Schema<ModelTitleDoc>(
  {
    _id: idField,
    homeId: { type: String, required: true },
    organizationId: { type: String, required: true, index: true },
    level: { type: String, required: true, enum: TITLE_LEVELS },
    conferrerId: { type: String, required: true },
    round: { type: Number, required: true, min: 1 },
  },
  { collection: 'model_titles', timestamps: true, versionKey: false },
);
// Two concurrent starts of the same campaign: one insert wins.
modelTitleSchema.index({ homeId: 1, level: 1, round: 1 }, { unique: true });
modelTitleSchema.plugin(idempotentRecords);

export interface SurveyDoc {
  _id: string;
  organizationId: string;
  year: number;
  title: string;
  createdAt: Date;
}

const surveySchema = new Schema<SurveyDoc>(
  {
    _id: idField,
    organizationId: { type: String, required: true, index: true },
    year: { type: Number, required: true, min: 2000, max: 2100 },
    title: { type: String, required: true, trim: true, minlength: 1 },
  },
  { collection: 'satisfaction_surveys', timestamps: true, versionKey: false },
);
surveySchema.plugin(idempotentRecords);

export const RATINGS = ['SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'] as const;

export interface SurveyResponseDoc {
  _id: string;
  surveyId: string;
  organizationId: string;
  memberId: string;
  rating: (typeof RATINGS)[number];
  /** 1 for satisfied or basically satisfied: summed by aggregation, which has no $cond on FerretDB. */
  satisfied: 0 | 1;
}

const surveyResponseSchema = new Schema<SurveyResponseDoc>(
  {
    _id: idField,
    surveyId: { type: String, required: true },
    organizationId: { type: String, required: true },
    memberId: { type: String, required: true },
    rating: { type: String, required: true, enum: RATINGS },
    satisfied: { type: Number, required: true, enum: [0, 1] },
  },
  { collection: 'survey_responses', timestamps: true, versionKey: false },
);
surveyResponseSchema.index({ surveyId: 1, memberId: 1 }, { unique: true });
surveyResponseSchema.plugin(idempotentRecords);

export function createHomeModels(conn: Connection) {
  return {
    WorkersHome: conn.model<WorkersHomeDoc>('WorkersHome', workersHomeSchema),
    ModelTitle: conn.model<ModelTitleDoc>('ModelTitle', modelTitleSchema),
    Survey: conn.model<SurveyDoc>('Survey', surveySchema),
    SurveyResponse: conn.model<SurveyResponseDoc>('SurveyResponse', surveyResponseSchema),
  };
}
