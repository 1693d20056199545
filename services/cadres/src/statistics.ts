import { division, regionCodesOf, unionTypeName } from '@union-graph/domain';
import {
  addDays,
  type Dimension,
  directoryTable,
  type Language,
  type Measure,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import { type PlainTextKey, text } from './messages';
import type { CadreDoc, ContractFilingDoc, Models, TrainingDoc } from './models';
import { CADRE_RULES, GRASSROOTS_TYPES } from './rules';

/**
 * Cadres' statistics, declared once (issue #19): serving cadres with their unions' regions and
 * types, the members' training records and the chairs' contract filings, copied into the
 * subgraph's DuckDB; `cadreBreakdown` answers from it (docs/statistics.md). The read model holds
 * no name: a member id (to join training records), position, dates and states only. Cadres hold
 * no gender or birth date (members does), so those are not dimensions here.
 */
export const CADRE_DIMENSIONS = [
  'PROVINCE',
  'CITY',
  'COUNTY',
  'ORGANIZATION_TYPE',
  'POSITION',
  'SOURCE',
  'EMPLOYMENT',
  'TRAINING',
  'CONTRACT_FILING',
] as const;
export type CadreDimension = (typeof CADRE_DIMENSIONS)[number];
export type CadreMeasure = 'TRAINED_RATE';

/** A date as the integer yyyymmdd of its UTC day, as the engine compares dates. */
function ymd(d: Date | null | undefined): number | null {
  return d ? d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate() : null;
}

const sqlList = (codes: readonly string[]) => codes.map((c) => `'${c}'`).join(', ');

/**
 * R6 for a serving cadre today, as `chairTrainingRow` decides it: only chairs of grassroots unions
 * owe training; the first training completed since taking office (and by today) counts, in time
 * up to the deadline (taking office + 365 days, that day included).
 */
const TRAINING_SQL = `CASE
  WHEN c.position <> 'CHAIR' OR o.type IS NULL OR o.type NOT IN (${sqlList(GRASSROOTS_TYPES)}) THEN 'NOT_REQUIRED'
  WHEN c.trained_on IS NULL THEN (CASE WHEN {today} <= c.deadline THEN 'PENDING' ELSE 'OVERDUE' END)
  WHEN c.trained_on <= c.deadline THEN 'TRAINED'
  ELSE 'TRAINED_LATE' END`;

/** Codes → the catalog's labels; a code without one (e.g. `unknown`) reads as such. */
const labelled = (sql: string, keys: Record<string, PlainTextKey>): Dimension => ({
  sql,
  label: (code, language: Language | undefined) => {
    const key = keys[code] ?? 'statUnknown';
    return text(key).render(language);
  },
});

const region = (column: string): Dimension => ({
  sql: `o.${column}`,
  label: (code, language) => division(code)?.name ?? text('statUnknown').render(language),
});

/** The chairs R6 has an outcome for: trained (in time or late), or overdue. */
const trainedRate: Measure = {
  kind: 'RATE',
  sql: `(${TRAINING_SQL}) = 'TRAINED'`,
  of: `(${TRAINING_SQL}) IN ('TRAINED', 'TRAINED_LATE', 'OVERDUE')`,
  label: (language) => text('statTrainedRate').render(language),
  persons: `count_if((${TRAINING_SQL}) IN ('TRAINED', 'TRAINED_LATE', 'OVERDUE'))`,
};

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
      },
      columns: {
        organization_id: 'text',
        member_id: 'text',
        position: 'text',
        full_time: 'bool',
        source: 'text',
        serving: 'bool',
        term_start: 'int',
        deadline: 'int',
      },
      row: (c: CadreDoc) => ({
        organization_id: c.organizationId,
        member_id: c.memberId,
        position: c.position,
        full_time: c.fullTime,
        source: c.source,
        serving: c.status === 'SERVING',
        term_start: ymd(c.termStart),
        deadline: ymd(addDays(c.termStart, CADRE_RULES.trainingDays)),
      }),
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
  // Serving cadres only: an ended term is history, not a cadre. Each with the first training of
  // its member since taking office (R6) and how its contract changes were filed (R7).
  from: `(SELECT c.*,
      (SELECT min(t.completed) FROM trainings t
        WHERE t.member_id = c.member_id AND t.completed BETWEEN c.term_start AND {today}) AS trained_on,
      (SELECT CASE WHEN count(*) = 0 THEN 'NONE' WHEN bool_or(f.late) THEN 'LATE' ELSE 'ON_TIME' END
        FROM contract_filings f WHERE f.cadre_id = c.id) AS filing
    FROM cadres c WHERE c.serving) c
    LEFT JOIN orgs o ON o.id = c.organization_id`,
  path: 'o.path',
  dimensions: {
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
    TRAINING: labelled(TRAINING_SQL, {
      TRAINED: 'trainingTrained',
      TRAINED_LATE: 'trainingTrainedLate',
      PENDING: 'trainingPending',
      OVERDUE: 'trainingOverdue',
      NOT_REQUIRED: 'trainingNotRequired',
    }),
    CONTRACT_FILING: labelled('c.filing', {
      NONE: 'filedNone',
      ON_TIME: 'filedOnTime',
      LATE: 'filedLate',
    }),
  },
  measures: { TRAINED_RATE: trainedRate },
};
