import type { CadreDoc, CandidateDoc, TallyDoc } from '../models';

/*
 * The shapes the schema's computed types are resolved from (codegen's mappers). They import only
 * models, so the generated resolver types and the domain that uses them form no circle.
 */

/** 主席培训状态, as the schema's TrainingStatus. */
export type TrainingStatus = 'TRAINED' | 'TRAINED_LATE' | 'PENDING' | 'OVERDUE';

/** A candidate as the schema shows it: with its election's vote date and, once held, its tally. */
export interface CandidateView extends CandidateDoc {
  voteDate: Date;
  tally: TallyDoc | null;
}

/** R6 for one chair on a given day. */
export interface ChairTrainingRow {
  chair: CadreDoc;
  deadline: Date;
  trainedOn: Date | null;
  status: TrainingStatus;
  daysOverdue: number;
}

export interface RegionTrainingRow {
  divisionCode: string;
  name: string | null;
  chairs: number;
  trained: number;
  trainedLate: number;
  pending: number;
  overdue: number;
  overdueRate: number;
}

/** R17: a union whose last chair left and nobody serves. */
export interface VacancyRow {
  organizationId: string;
  since: Date;
  deadline: Date;
  overdue: boolean;
}
