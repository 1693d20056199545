import {
  industryDivision,
  industrySection,
  ownershipName,
  regionCodesOf,
  townshipLabel,
  townshipOf,
  unionTypeName,
} from '@union-graph/domain';
import {
  type Dimension,
  dayNumber,
  directoryTable,
  type Language,
  type OrgRef,
  queryByKeys,
  regionDimension,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import { alertFlow, stepData } from './domain/alerts';
import { type AssistanceStatus, assistanceFlow, assistedAmount } from './domain/assistance';
import { contractDays, contractFlow, scopeOf } from './domain/contracts';
import { modelTitleFlow } from './domain/titles';
import { type Flow, type FlowState, replay } from './domain/workflow';
import { type PlainTextKey, text } from './messages';
import type {
  AssistanceCaseDoc,
  CollectiveContractDoc,
  CoveredUnitDoc,
  LaborAlertDoc,
  Models,
  ModelTitleDoc,
  StepDoc,
  WorkersHomeDoc,
} from './models';

/**
 * Worker services' statistics, declared once (issue #19): hardship cases, Workers' Homes with
 * their model titles, labor alerts and collective contracts, copied into the subgraph's DuckDB
 * with their unions' regions and types; `workerServiceBreakdown` answers from it, one subject at a
 * time (docs/statistics.md). The read model holds no person: no member id, name or household.
 */
export const WORKER_SERVICE_SUBJECTS = [
  'ASSISTANCE_CASES',
  'WORKERS_HOMES',
  'LABOR_ALERTS',
  'COLLECTIVE_CONTRACTS',
] as const;
export type WorkerServiceSubject = (typeof WORKER_SERVICE_SUBJECTS)[number];

/** The dimensions of each subject besides the region and union type every subject has. */
export const SUBJECT_DIMENSIONS = {
  ASSISTANCE_CASES: ['CASE_STATUS', 'HARDSHIP_LEVEL'],
  WORKERS_HOMES: ['HOME_KIND', 'HOME_TITLE'],
  LABOR_ALERTS: ['ALERT_CATEGORY', 'ALERT_STAGE', 'RISK_LEVEL'],
  COLLECTIVE_CONTRACTS: [
    'CONTRACT_KIND',
    'CONTRACT_SCOPE',
    'CONTRACT_STATUS',
    'IN_FORCE',
    'INDUSTRY_SECTION',
    'OWNERSHIP',
  ],
} as const;
export const UNION_DIMENSIONS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'ORGANIZATION_TYPE'] as const;
export type WorkerServiceDimension =
  | (typeof UNION_DIMENSIONS)[number]
  | (typeof SUBJECT_DIMENSIONS)[WorkerServiceSubject][number]
  // Not asked for: the breakdown filters by it to count one subject.
  | 'SUBJECT';

/** The measures of each subject: the declaration's others are about no record of it. */
export const SUBJECT_MEASURES: Record<WorkerServiceSubject, readonly WorkerServiceMeasure[]> = {
  ASSISTANCE_CASES: ['ASSISTED_AMOUNT_FEN_SUM'],
  WORKERS_HOMES: [],
  LABOR_ALERTS: [],
  COLLECTIVE_CONTRACTS: ['WORKERS_COVERED_SUM'],
};
export type WorkerServiceMeasure = 'ASSISTED_AMOUNT_FEN_SUM' | 'WORKERS_COVERED_SUM';

/**
 * A workflow subject's collection as the read model reads it: each document with its state
 * replayed from its append-only steps, as every reader here derives it. A step's event names its
 * subject, so the engine re-reads the subject, and with it the new state. The engine reads a
 * collection through `find(filter, projection).lean()` (awaited, or as a cursor) and `db`; this
 * serves those with the steps of each batch of subjects read in one query.
 */
function withStates<D extends { _id: string }>(
  model: Model<D>,
  steps: Model<StepDoc>,
  flow: Flow<string, D>,
  // biome-ignore lint/suspicious/noExplicitAny: the engine reads any collection's documents
): Model<any> {
  const BATCH = 500;
  const stated = async (docs: D[]) => {
    if (docs.length === 0) return [];
    const bySubject = new Map<string, StepDoc[]>();
    const found = await queryByKeys(
      steps,
      'subjectId',
      docs.map((d) => d._id),
      (f) => steps.find(f).lean<StepDoc[]>(),
    );
    for (const s of found) bySubject.set(s.subjectId, [...(bySubject.get(s.subjectId) ?? []), s]);
    return docs.map((d) => ({ ...d, state: replay(flow, bySubject.get(d._id) ?? []) }));
  };
  const find = (filter: Record<string, unknown>, projection: Record<string, 1>) => {
    const query = () => model.find(filter, projection).lean<D[]>();
    return {
      lean: () => ({
        // biome-ignore lint/suspicious/noThenProperty: awaited as a mongoose query is
        then: <R>(ok: (docs: unknown[]) => R, fail?: (e: unknown) => R) =>
          query().then(stated).then(ok, fail),
        async *cursor() {
          let batch: D[] = [];
          for await (const doc of query().cursor()) {
            batch.push(doc as D);
            if (batch.length === BATCH) {
              yield* await stated(batch);
              batch = [];
            }
          }
          yield* await stated(batch);
        },
      }),
    };
  };
  return { db: model.db, find } as unknown as Model<D>;
}

type Stated<D> = D & { state: FlowState<string> };

/** The highest title a home holds (commended, not revoked), ranked from county to national. */
const TITLE_RANK = `CASE t.level WHEN 'NATIONAL' THEN 4 WHEN 'PROVINCE' THEN 3 WHEN 'CITY' THEN 2 ELSE 1 END`;

const labelled = (sql: string, keys: Record<string, PlainTextKey>): Dimension => ({
  sql,
  label: (code, language: Language | undefined) => text(keys[code] ?? 'statUnknown').render(language),
});

/** A case keeps the division it was opened in (hardship statistics group by it); others their union's. */
const region = (column: string) => regionDimension(`coalesce(f.${column}, o.${column})`);

/** Its host unit's facts, where a contract names one unit: its union's own (a §12 contract names many). */
const unitFact = (
  sql: string,
  name: (code: string, language: Language | undefined) => string | null | undefined,
) => ({
  sql: `CASE WHEN f.contract_scope = 'UNIT' THEN ${sql} END`,
  label: (code: string, language: Language | undefined) =>
    name(code, language) ?? text('statUnknown').render(language),
});

/**
 * The org directory with what breakdowns here group by beyond the kit's columns: the township a
 * township-level union stands for (as members' statistics take it), and its host unit's industry
 * section and ownership (issue #19).
 */
const directory = directoryTable<Models>((models) => models.OrgDirectory, regionCodesOf);
const orgs = {
  ...directory,
  projection: { ...directory.projection, name: 1, level: 1, industry: 1, ownership: 1 },
  columns: { ...directory.columns, township: 'text', section: 'text', ownership: 'text' },
  row: (o: OrgRef) => ({
    ...directory.row!(o),
    township: townshipOf(o),
    section: (o.industry && industryDivision(o.industry)?.section) || null,
    ownership: o.ownership ?? null,
  }),
} as const;

export const workerServiceStatistics: StatisticsDeclaration<
  Models,
  WorkerServiceDimension,
  WorkerServiceMeasure
> = {
  tables: [
    {
      name: 'assistance_cases',
      eventType: assistanceFlow.subjectType,
      source: (models) => withStates(models.AssistanceCase, models.Step, assistanceFlow),
      projection: { organizationId: 1, divisionCode: 1, level: 1 },
      columns: {
        organization_id: 'text',
        province: 'text',
        city: 'text',
        county: 'text',
        township: 'text',
        status: 'text',
        level: 'text',
        assisted_fen: 'bigint',
      },
      row: (c: Stated<AssistanceCaseDoc>) => ({
        organization_id: c.organizationId,
        ...regionCodesOf(c.divisionCode),
        // Opened in a township's own division: the hardship report's township row.
        township: c.divisionCode.length === 9 ? c.divisionCode : null,
        status: c.state.status,
        level: c.level,
        assisted_fen: assistedAmount(c.state as FlowState<AssistanceStatus>),
      }),
    },
    {
      name: 'workers_homes',
      eventType: 'WorkersHome',
      source: (models) => models.WorkersHome,
      projection: { organizationId: 1, kind: 1 },
      columns: { organization_id: 'text', kind: 'text' },
      row: (h: WorkersHomeDoc) => ({ organization_id: h.organizationId, kind: h.kind }),
    },
    {
      name: 'model_titles',
      eventType: modelTitleFlow.subjectType,
      source: (models) => withStates(models.ModelTitle, models.Step, modelTitleFlow),
      projection: { homeId: 1, level: 1 },
      columns: { home_id: 'text', level: 'text', status: 'text' },
      row: (t: Stated<ModelTitleDoc>) => ({ home_id: t.homeId, level: t.level, status: t.state.status }),
    },
    {
      name: 'labor_alerts',
      eventType: alertFlow.subjectType,
      source: (models) => withStates(models.LaborAlert, models.Step, alertFlow),
      projection: { organizationId: 1, category: 1 },
      columns: { organization_id: 'text', category: 'text', stage: 'text', risk: 'text' },
      row: (a: Stated<LaborAlertDoc>) => ({
        organization_id: a.organizationId,
        category: a.category,
        stage: a.state.status,
        risk: (stepData(a.state, 'ASSESS')?.risk as string | undefined) ?? 'UNASSESSED',
      }),
    },
    {
      name: 'contracts',
      eventType: contractFlow.subjectType,
      source: (models) => withStates(models.CollectiveContract, models.Step, contractFlow),
      projection: { organizationId: 1, kind: 1, scope: 1, startsOn: 1, expiresOn: 1, renewsId: 1 },
      columns: {
        organization_id: 'text',
        kind: 'text',
        scope: 'text',
        stage: 'text',
        signed: 'int',
        starts: 'int',
        expires: 'int',
        renews_id: 'text',
      },
      row: (c: Stated<CollectiveContractDoc>) => ({
        organization_id: c.organizationId,
        kind: c.kind,
        scope: scopeOf(c),
        stage: c.state.status,
        signed: dayNumber(contractDays(c.state.applied).signedOn),
        starts: dayNumber(c.startsOn),
        expires: dayNumber(c.expiresOn),
        renews_id: c.renewsId ?? null,
      }),
    },
    {
      name: 'covered_units',
      eventType: 'CoveredUnit',
      source: (models) => models.CoveredUnit,
      projection: { contractId: 1, workersCovered: 1, removedOn: 1 },
      columns: { contract_id: 'text', workers: 'int', removed: 'int' },
      row: (u: CoveredUnitDoc) => ({
        contract_id: u.contractId,
        workers: u.workersCovered,
        removed: dayNumber(u.removedOn),
      }),
    },
    orgs,
  ],
  // One relation over the three subjects (columns a subject lacks are null); a breakdown counts
  // one subject, filtered by SUBJECT.
  from: `(SELECT 'ASSISTANCE_CASES' AS subject, organization_id, province, city, county, township,
        status AS case_status, level AS hardship_level, assisted_fen FROM assistance_cases
      UNION ALL BY NAME
      SELECT 'WORKERS_HOMES' AS subject, h.organization_id, h.kind AS home_kind,
        coalesce((SELECT arg_max(t.level, ${TITLE_RANK}) FROM model_titles t
          WHERE t.home_id = h.id AND t.status = 'COMMENDED'), 'NONE') AS home_title
        FROM workers_homes h
      UNION ALL BY NAME
      SELECT 'LABOR_ALERTS' AS subject, organization_id, category AS alert_category,
        stage AS alert_stage, risk AS risk_level FROM labor_alerts
      UNION ALL BY NAME
      SELECT 'COLLECTIVE_CONTRACTS' AS subject, c.organization_id, c.kind AS contract_kind,
        c.scope AS contract_scope,
        -- contractView's status (R20) on today's date: renewed once a successor names it, expired
        -- when signed and past its expiry, else its stage.
        CASE WHEN EXISTS (SELECT 1 FROM contracts r WHERE r.renews_id = c.id) THEN 'RENEWED'
          WHEN c.stage IN ('SIGNED', 'FILED') AND {today} > c.expires THEN 'EXPIRED'
          ELSE c.stage END AS contract_status,
        -- In force as sectoralCoverage takes it (§12): signed by today, within its term.
        CASE WHEN c.signed <= {today} AND c.starts <= {today} AND {today} <= c.expires
          THEN 'IN_FORCE' ELSE 'NOT_IN_FORCE' END AS in_force,
        -- As CollectiveContract.workersCovered: the units it lists now.
        coalesce((SELECT sum(u.workers) FROM covered_units u
          WHERE u.contract_id = c.id AND u.removed IS NULL), 0) AS workers_covered
        FROM contracts c) f
    LEFT JOIN orgs o ON o.id = f.organization_id`,
  path: 'o.path',
  dimensions: {
    SUBJECT: { sql: 'f.subject', label: (code) => code },
    PROVINCE: region('province'),
    CITY: region('city'),
    COUNTY: region('county'),
    // The township a case was opened in, else the nearest township-level union at or above the
    // record's union (members' TOWNSHIP), by equal ids only.
    TOWNSHIP: {
      sql: `coalesce(f.township, (SELECT max(t.township) FROM orgs t
        WHERE t.township IS NOT NULL AND t.id IN (SELECT unnest(string_split(o.path, '/')))))`,
      label: (code, language) => townshipLabel(code) ?? text('statUnknown').render(language),
    },
    ORGANIZATION_TYPE: {
      sql: 'o.type',
      label: (code, language) => unionTypeName(code, language) ?? text('statUnknown').render(language),
    },
    CASE_STATUS: labelled('f.case_status', {
      SUBMITTED: 'statusSubmitted',
      REVIEWED: 'statusReviewed',
      APPROVED: 'statusApproved',
      REJECTED: 'statusRejected',
      ASSISTING: 'statusAssisting',
      CLOSED: 'statusClosed',
    }),
    HARDSHIP_LEVEL: labelled('f.hardship_level', {
      DEEP: 'hardshipDeep',
      RELATIVE: 'hardshipRelative',
      ACCIDENTAL: 'hardshipAccidental',
    }),
    HOME_KIND: labelled('f.home_kind', {
      STANDARD: 'homeStandard',
      JOINT: 'homeJoint',
      ONLINE: 'homeOnline',
    }),
    HOME_TITLE: labelled('f.home_title', {
      NATIONAL: 'titleNational',
      PROVINCE: 'titleProvince',
      CITY: 'titleCity',
      COUNTY: 'titleCounty',
      NONE: 'titleNone',
    }),
    ALERT_CATEGORY: labelled('f.alert_category', {
      WAGE_ARREARS: 'alertWageArrears',
      LAYOFFS: 'alertLayoffs',
      RESTRUCTURING: 'alertRestructuring',
      SOCIAL_INSURANCE: 'alertSocialInsurance',
      SAFETY: 'alertSafety',
      WORKING_HOURS: 'alertWorkingHours',
      OTHER: 'alertOther',
    }),
    ALERT_STAGE: labelled('f.alert_stage', {
      WARNED: 'stageWarned',
      ASSESSED: 'stageAssessed',
      REPORTED: 'stageReported',
      EMERGENCY: 'stageEmergency',
      RESOLVED: 'stageResolved',
    }),
    RISK_LEVEL: labelled('f.risk_level', {
      LOW: 'riskLow',
      MEDIUM: 'riskMedium',
      HIGH: 'riskHigh',
      UNASSESSED: 'riskUnassessed',
    }),
    CONTRACT_KIND: labelled('f.contract_kind', {
      WAGE: 'contractWage',
      GENERAL: 'contractGeneral',
      SPECIAL: 'contractSpecial',
    }),
    CONTRACT_SCOPE: labelled('f.contract_scope', {
      UNIT: 'scopeUnit',
      SECTORAL: 'scopeSectoral',
      REGIONAL: 'scopeRegional',
    }),
    CONTRACT_STATUS: labelled('f.contract_status', {
      DRAFT: 'contractStatusDraft',
      NEGOTIATING: 'contractStatusNegotiating',
      SIGNED: 'contractStatusSigned',
      FILED: 'contractStatusFiled',
      RENEWED: 'contractStatusRenewed',
      EXPIRED: 'contractStatusExpired',
    }),
    IN_FORCE: labelled('f.in_force', { IN_FORCE: 'inForce', NOT_IN_FORCE: 'notInForce' }),
    INDUSTRY_SECTION: unitFact('o.section', (code) => industrySection(code)?.name),
    OWNERSHIP: unitFact('o.ownership', (code, language) => ownershipName(code, language)),
  },
  measures: {
    // A case is a household: an analyst reads no amount given to fewer than k of them, as the
    // hardship report withheld it.
    ASSISTED_AMOUNT_FEN_SUM: {
      kind: 'SUM',
      sql: 'f.assisted_fen',
      persons: 'count_if(f.assisted_fen > 0)',
      label: (language) => text('measureAssistedAmount').render(language),
    },
    // Headcounts of units, about no one in them: shown with their cell.
    WORKERS_COVERED_SUM: {
      kind: 'SUM',
      sql: 'f.workers_covered',
      label: (language) => text('measureWorkersCovered').render(language),
    },
  },
};
