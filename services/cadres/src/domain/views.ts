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

/** 专职配备规则: R3 (full-time vice-chair) or R4 (full-time staff member). */
export type StaffingRule = 'R3' | 'R4';

/** R3 / R4 for one union, from its serving full-time cadres. */
export interface StaffingView {
  organizationId: string;
  name: string;
  divisionCode: string;
  /** Null where neither rule applies to the union's type. */
  rule: StaffingRule | null;
  fullTimeViceChairs: number;
  fullTimeStaff: number;
  required: number;
  shortBy: number;
}

export interface RegionStaffingRow {
  divisionCode: string;
  name: string | null;
  federations: number;
  short: number;
  fullTimeViceChairs: number;
  fullTimeStaff: number;
}

/** A row as a reader held to k reads it: its counts of persons null where withheld (issue #19). */
type Withheld<T, K extends keyof T> = Omit<T, K> & { [P in K]: T[P] | null };
export type RegionStaffingFigures = Withheld<RegionStaffingRow, 'fullTimeViceChairs' | 'fullTimeStaff'>;
export type RegionTrainingFigures = Withheld<
  RegionTrainingRow,
  'chairs' | 'trained' | 'trainedLate' | 'pending' | 'overdue' | 'overdueRate'
>;
