import { type Connection, Schema } from 'mongoose';

export const SIX_HAVES = [
  'ELECTED_CHAIR',
  'SOUND_STRUCTURE',
  'SERVICE_CARRIERS',
  'SOUND_SYSTEMS',
  'SELF_MANAGED_FUNDS',
  'MEMBER_SATISFACTION',
] as const;

/**
 * A grassroots union's six-haves assessment for one year. `_id` is `<organizationId>:<year>`, so a
 * re-assessment replaces the year's record in one single-document write.
 */
export interface SixHavesAssessmentDoc {
  _id: string;
  organizationId: string;
  year: number;
  items: { criterion: (typeof SIX_HAVES)[number]; met: boolean; evidence: string | null }[];
  compliant: boolean;
  assessor: string;
  assessedBy: string;
  assessedOn: Date;
}

export const sixHavesAssessmentSchema = new Schema<SixHavesAssessmentDoc>(
  {
    _id: { type: String, required: true },
    organizationId: { type: String, required: true, index: true },
    year: { type: Number, required: true, index: true },
    items: [
      {
        _id: false,
        criterion: { type: String, required: true, enum: SIX_HAVES },
        met: { type: Boolean, required: true },
        evidence: { type: String, default: null, maxlength: 2000 },
      },
    ],
    compliant: { type: Boolean, required: true },
    assessor: { type: String, required: true, trim: true, maxlength: 100 },
    assessedBy: { type: String, required: true },
    assessedOn: { type: Date, required: true },
  },
  { collection: 'six_haves_assessments', versionKey: false },
);

export function sixHavesAssessmentModel(conn: Connection) {
  return conn.model<SixHavesAssessmentDoc>('SixHavesAssessment', sixHavesAssessmentSchema);
}
