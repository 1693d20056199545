import { regionCodesOf, unionTypeName } from '@union-graph/domain';
import {
  addDays,
  addMonths,
  type Dimension,
  directoryTable,
  type Language,
  type Measure,
  ORG_EVENT_TYPE,
  type OrgRef,
  regionDimension,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import { sqlList, staffingRuleSql, staffingStateSql } from './domain/staffing';
import { LIVE_UNIONS } from './domain/subtree';
import { type PlainTextKey, text } from './messages';
import type { CadreDoc, ContractFilingDoc, Models, TrainingDoc } from './models';
import { CADRE_RULES, GRASSROOTS_TYPES } from './rules';

/*
 * Cadres' statistics, declared once (issue #19): positions (all terms: R17 reads ended chairs'),
 * the members' training records, the chairs' contract filings and the union directory, copied into
 * the subgraph's DuckDB; `cadreBreakdown` answers from it (docs/statistics.md), counting serving
 * cadres or live unions. The read model holds no name: a member id (to join training records),
 * position, dates and states only. Cadres hold no gender or birth date (members does), so those
 * are not dimensions here.
 */

const REGION_DIMENSIONS = ['PROVINCE', 'CITY', 'COUNTY', 'ORGANIZATION_TYPE'] as const;
/** What `cadreBreakdown` counts by default: serving cadres. */
export const CADRE_DIMENSIONS = [
  ...REGION_DIMENSIONS,
  'POSITION',
  'SOURCE',
  'EMPLOYMENT',
  'TRAINING',
  'CONTRACT_FILING',
] as const;
/**
 * `subject: UNIONS`: live unions, each with its R3 / R4 staffing and its chair's R6 and R17 state —
 * facts of a union, so rows per union (the directory's), not per cadre: a union short of staff
 * often has no cadre row at all.
 */
export const UNION_DIMENSIONS = [
  ...REGION_DIMENSIONS,
  'STAFFING_RULE',
  'STAFFING_STATE',
  'CHAIR_TRAINING',
  'CHAIR_VACANCY',
] as const;
export type CadreSubject = 'CADRES' | 'UNIONS';
/** `SUBJECT` is no GraphQL dimension: the breakdown filters by it to count one subject. */
export type CadreDimension =
  | (typeof CADRE_DIMENSIONS)[number]
  | (typeof UNION_DIMENSIONS)[number]
  | 'SUBJECT';
export type CadreMeasure =
  | 'TRAINED_RATE'
  | 'REQUIRED_STAFF_SUM'
  | 'FULL_TIME_STAFF_SUM'
  | 'FULL_TIME_VICE_CHAIRS_SUM';

/** Each subject's dimensions and measures; the others' are BAD_USER_INPUT or left out. */
export const SUBJECTS: Record<
  CadreSubject,
  { dimensions: readonly CadreDimension[]; measures: readonly CadreMeasure[] }
> = {
  CADRES: { dimensions: CADRE_DIMENSIONS, measures: ['TRAINED_RATE'] },
  UNIONS: {
    dimensions: UNION_DIMENSIONS,
    measures: ['REQUIRED_STAFF_SUM', 'FULL_TIME_STAFF_SUM', 'FULL_TIME_VICE_CHAIRS_SUM'],
  },
};

/** A date as the integer yyyymmdd of its UTC day, as the engine compares dates. */
function ymd(d: Date | null | undefined): number | null {
  return d ? d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate() : null;
}

/**
 * R6 for a serving cadre today, as `chairTrainingRow` decides it: only chairs of grassroots unions
 * owe training; the first training completed since taking office (and by today) counts, in time
 * up to the deadline (taking office + 365 days, that day included).
 */
const TRAINING_SQL = `CASE
  WHEN position <> 'CHAIR' OR union_type IS NULL OR union_type NOT IN (${sqlList(GRASSROOTS_TYPES)}) THEN 'NOT_REQUIRED'
  WHEN trained_on IS NULL THEN (CASE WHEN {today} <= deadline THEN 'PENDING' ELSE 'OVERDUE' END)
  WHEN trained_on <= deadline THEN 'TRAINED'
  ELSE 'TRAINED_LATE' END`;

/** Serving cadres of union `u` that a union-level fact counts. */
const servingOf = (condition: string) =>
  `(SELECT count(*)::INTEGER FROM served s WHERE s.organization_id = u.id AND ${condition})`;

/**
 * R6 for a union's chair today, as `chairTraining` lists them: the serving chair who has taken
 * office by today, else `NO_CHAIR`; `NOT_REQUIRED` for unions R6 does not bind.
 */
const CHAIR_TRAINING_SQL = `CASE WHEN NOT u.grassroots THEN 'NOT_REQUIRED' ELSE coalesce(
  (SELECT any_value(s.training) FROM served s
    WHERE s.organization_id = u.id AND s.position = 'CHAIR' AND s.term_start <= {today}),
  'NO_CHAIR') END`;

/**
 * R17 for a union today, as `chairVacancies` decides it: seated while a chair who has taken office
 * serves or has not reached the end of the term; vacant since the last chair's term ended, overdue
 * after the three months (each term's deadline kept with it: adding months is the calendar's, and
 * the latest end has the latest deadline); never seated when no chair was ever recorded.
 */
const CHAIR_VACANCY_SQL = `(SELECT CASE
    WHEN count(*) FILTER (WHERE a.serving OR a.term_end > {today}) > 0 THEN 'SEATED'
    WHEN max(a.term_end) FILTER (WHERE a.term_end <= {today}) IS NULL THEN 'NEVER_SEATED'
    WHEN {today} > max(a.vacancy_deadline) FILTER (WHERE a.term_end <= {today}) THEN 'VACANT_OVERDUE'
    ELSE 'VACANT' END
  FROM cadres a WHERE a.organization_id = u.id AND a.position = 'CHAIR' AND a.term_start <= {today})`;

const FULL_TIME_STAFF_SQL = servingOf('s.full_time');
const FULL_TIME_VICE_CHAIRS_SQL = servingOf(`s.full_time AND s.position = 'VICE_CHAIR'`);

/** Codes → the catalog's labels; a code without one (e.g. `unknown`) reads as such. */
const labelled = (sql: string, keys: Record<string, PlainTextKey>): Dimension => ({
  sql,
  label: (code, language: Language | undefined) => {
    const key = keys[code] ?? 'statUnknown';
    return text(key).render(language);
  },
});

const TRAINING_LABELS: Record<string, PlainTextKey> = {
  TRAINED: 'trainingTrained',
  TRAINED_LATE: 'trainingTrainedLate',
  PENDING: 'trainingPending',
  OVERDUE: 'trainingOverdue',
  NOT_REQUIRED: 'trainingNotRequired',
};

const region = (column: string) => regionDimension(`o.${column}`);

/** The chairs R6 has an outcome for: trained (in time or late), or overdue. */
const trainedRate: Measure = {
  kind: 'RATE',
  sql: `c.training = 'TRAINED'`,
  of: `c.training IN ('TRAINED', 'TRAINED_LATE', 'OVERDUE')`,
  label: (language) => text('statTrainedRate').render(language),
  persons: `count_if(c.training IN ('TRAINED', 'TRAINED_LATE', 'OVERDUE'))`,
};

/** A sum over the unions of a cell; `persons` when what it sums are cadres (held to k). */
const unionSum = (column: string, label: PlainTextKey, persons: boolean): Measure => ({
  kind: 'SUM',
  sql: `c.${column}`,
  label: (language) => text(label).render(language),
  ...(persons ? { persons: `sum(c.${column})` } : {}),
});

/** R3 / R4 of a union in the read model, as `staffingRuleOf` and `requiredStaff` decide it. */
const STAFFING = staffingRuleSql('unions.type');

export const cadreStatistics: StatisticsDeclaration<Models, CadreDimension, CadreMeasure> = {
  tables: [
    {
      name: 'cadres',
      eventType: 'Cadre',
      source: (models) => models.Cadre,
      projection: {
        organizationId: 1,
        memberId: 1,
        position: 1,
        fullTime: 1,
        source: 1,
        status: 1,
        termStart: 1,
        termEnd: 1,
      },
      columns: {
        organization_id: 'text',
        member_id: 'text',
        position: 'text',
        full_time: 'bool',
        source: 'text',
        serving: 'bool',
        term_start: 'int',
        term_end: 'int',
        deadline: 'int',
        vacancy_deadline: 'int',
      },
      row: (c: CadreDoc) => ({
        organization_id: c.organizationId,
        member_id: c.memberId,
        position: c.position,
        full_time: c.fullTime,
        source: c.source,
        serving: c.status === 'SERVING',
        term_start: ymd(c.termStart),
        term_end: ymd(c.termEnd),
        deadline: ymd(addDays(c.termStart, CADRE_RULES.trainingDays)),
        vacancy_deadline: c.termEnd ? ymd(addMonths(c.termEnd, CADRE_RULES.chairVacancyMonths)) : null,
      }),
    },
    {
      // The directory again, with what `orgs` lacks: whether the union still exists.
      name: 'unions',
      eventType: ORG_EVENT_TYPE,
      source: (models) => models.OrgDirectory,
      projection: { type: 1, status: 1 },
      columns: { type: 'text', status: 'text' },
      row: (o: OrgRef) => ({ type: o.type, status: o.status }),
    },
    {
      name: 'trainings',
      eventType: 'TrainingRecord',
      source: (models) => models.Training,
      projection: { memberId: 1, completedOn: 1 },
      columns: { member_id: 'text', completed: 'int' },
      row: (t: TrainingDoc) => ({ member_id: t.memberId, completed: ymd(t.completedOn) }),
    },
    {
      name: 'contract_filings',
      eventType: 'ContractFiling',
      source: (models) => models.ContractFiling,
      projection: { cadreId: 1, memberId: 1, late: 1 },
      columns: { cadre_id: 'text', member_id: 'text', late: 'bool' },
      row: (f: ContractFilingDoc) => ({ cadre_id: f.cadreId, member_id: f.memberId, late: f.late }),
    },
    directoryTable<Models>((models) => models.OrgDirectory, regionCodesOf),
  ],
  // Two subjects in one relation (columns a subject lacks are null); a breakdown counts one,
  // filtered by SUBJECT. Serving cadres only: an ended term is history, not a cadre. Each with the
  // first training of its member since taking office and its R6 state, and how its contract
  // changes were filed (R7). Live unions, each with what R3 / R4 count and its chair's state.
  from: `(WITH served AS (SELECT x.*, ${TRAINING_SQL} AS training FROM (SELECT c.*, ct.type AS union_type,
        (SELECT min(t.completed) FROM trainings t
          WHERE t.member_id = c.member_id AND t.completed BETWEEN c.term_start AND {today}) AS trained_on,
        (SELECT CASE WHEN count(*) = 0 THEN 'NONE' WHEN bool_or(f.late) THEN 'LATE' ELSE 'ON_TIME' END
          FROM contract_filings f WHERE f.cadre_id = c.id) AS filing
      FROM cadres c LEFT JOIN orgs ct ON ct.id = c.organization_id WHERE c.serving) x)
    SELECT 'CADRES' AS subject, * FROM served
    UNION ALL BY NAME
    SELECT 'UNIONS' AS subject, u.id AS organization_id, u.staffing_rule, u.required,
      ${FULL_TIME_STAFF_SQL} AS full_time_staff, ${FULL_TIME_VICE_CHAIRS_SQL} AS full_time_vice_chairs,
      ${staffingStateSql({
        rule: 'u.staffing_rule',
        required: 'u.required',
        fullTimeViceChairs: FULL_TIME_VICE_CHAIRS_SQL,
        fullTimeStaff: FULL_TIME_STAFF_SQL,
      })} AS staffing_state,
      ${CHAIR_TRAINING_SQL} AS chair_training, ${CHAIR_VACANCY_SQL} AS chair_vacancy
    FROM (SELECT *, ${STAFFING.rule} AS staffing_rule, ${STAFFING.required} AS required,
        unions.type IN (${sqlList(GRASSROOTS_TYPES)}) AS grassroots
      FROM unions WHERE status NOT IN (${sqlList(LIVE_UNIONS.status.$nin)})) u) c
    LEFT JOIN orgs o ON o.id = c.organization_id`,
  path: 'o.path',
  dimensions: {
    SUBJECT: { sql: 'c.subject', label: (code) => code },
    PROVINCE: region('province'),
    CITY: region('city'),
    COUNTY: region('county'),
    ORGANIZATION_TYPE: {
      sql: 'o.type',
      label: (code, language) => unionTypeName(code, language) ?? text('statUnknown').render(language),
    },
    POSITION: labelled('c.position', {
      CHAIR: 'positionChair',
      VICE_CHAIR: 'positionViceChair',
      COMMITTEE_MEMBER: 'positionCommitteeMember',
      ORGANIZER: 'positionOrganizer',
      WOMEN_COMMITTEE_CHAIR: 'positionWomenCommitteeChair',
      FUNDS_AUDIT_CHAIR: 'positionFundsAuditChair',
      FULL_TIME_STAFF: 'positionFullTimeStaff',
    }),
    SOURCE: labelled('c.source', {
      ELECTED: 'sourceElected',
      UPPER_UNION_RECOMMENDED: 'sourceRecommended',
      APPOINTED: 'sourceAppointed',
      CONTRACT_WORKER: 'sourceContractWorker',
    }),
    EMPLOYMENT: labelled(`CASE WHEN c.full_time THEN 'FULL_TIME' ELSE 'PART_TIME' END`, {
      FULL_TIME: 'fullTime',
      PART_TIME: 'partTime',
    }),
    TRAINING: labelled('c.training', TRAINING_LABELS),
    CONTRACT_FILING: labelled('c.filing', {
      NONE: 'filedNone',
      ON_TIME: 'filedOnTime',
      LATE: 'filedLate',
    }),
    STAFFING_RULE: labelled(`coalesce(c.staffing_rule, 'NONE')`, {
      R3: 'staffingR3',
      R4: 'staffingR4',
      NONE: 'staffingNone',
    }),
    STAFFING_STATE: labelled('c.staffing_state', {
      MEETS: 'staffingMeets',
      SHORT: 'staffingShort',
      NOT_APPLICABLE: 'staffingNotApplicable',
    }),
    CHAIR_TRAINING: labelled('c.chair_training', { ...TRAINING_LABELS, NO_CHAIR: 'chairNone' }),
    CHAIR_VACANCY: labelled('c.chair_vacancy', {
      SEATED: 'vacancySeated',
      VACANT: 'vacancyOpen',
      VACANT_OVERDUE: 'vacancyOverdue',
      NEVER_SEATED: 'vacancyNeverSeated',
    }),
  },
  measures: {
    TRAINED_RATE: trainedRate,
    // What the rules require is no fact about anybody; the cadres who meet it are persons.
    REQUIRED_STAFF_SUM: unionSum('required', 'statRequiredStaff', false),
    FULL_TIME_STAFF_SUM: unionSum('full_time_staff', 'statFullTimeStaff', true),
    FULL_TIME_VICE_CHAIRS_SUM: unionSum('full_time_vice_chairs', 'statFullTimeViceChairs', true),
  },
};
