import { division, regionCodesOf, unionTypeName } from '@union-graph/domain';
import {
  type Dimension,
  directoryTable,
  type Language,
  queryByKeys,
  type StatisticsDeclaration,
} from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import { alertFlow, stepData } from './domain/alerts';
import { assistanceFlow } from './domain/assistance';
import { modelTitleFlow } from './domain/titles';
import { type Flow, type FlowState, replay } from './domain/workflow';
import { type PlainTextKey, text } from './messages';
import type {
  AssistanceCaseDoc,
  LaborAlertDoc,
  Models,
  ModelTitleDoc,
  StepDoc,
  WorkersHomeDoc,
} from './models';

/**
 * Worker services' statistics, declared once (issue #19): hardship cases, Workers' Homes with
 * their model titles, and labor alerts, copied into the subgraph's DuckDB with their unions'
 * regions and types; `workerServiceBreakdown` answers from it, one subject at a time
 * (docs/statistics.md). The read model holds no person: no member id, name or household.
 */
export const WORKER_SERVICE_SUBJECTS = ['ASSISTANCE_CASES', 'WORKERS_HOMES', 'LABOR_ALERTS'] as const;
export type WorkerServiceSubject = (typeof WORKER_SERVICE_SUBJECTS)[number];

/** The dimensions of each subject besides the region and union type every subject has. */
export const SUBJECT_DIMENSIONS = {
  ASSISTANCE_CASES: ['CASE_STATUS', 'HARDSHIP_LEVEL'],
  WORKERS_HOMES: ['HOME_KIND', 'HOME_TITLE'],
  LABOR_ALERTS: ['ALERT_CATEGORY', 'ALERT_STAGE', 'RISK_LEVEL'],
} as const;
export const UNION_DIMENSIONS = ['PROVINCE', 'CITY', 'COUNTY', 'ORGANIZATION_TYPE'] as const;
export type WorkerServiceDimension =
  | (typeof UNION_DIMENSIONS)[number]
  | (typeof SUBJECT_DIMENSIONS)[WorkerServiceSubject][number]
  // Not asked for: the breakdown filters by it to count one subject.
  | 'SUBJECT';

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
const region = (column: string): Dimension => ({
  sql: `coalesce(f.${column}, o.${column})`,
  label: (code, language) => division(code)?.name ?? text('statUnknown').render(language),
});

export const workerServiceStatistics: StatisticsDeclaration<Models, WorkerServiceDimension> = {
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
        status: 'text',
        level: 'text',
      },
      row: (c: Stated<AssistanceCaseDoc>) => ({
        organization_id: c.organizationId,
        ...regionCodesOf(c.divisionCode),
        status: c.state.status,
        level: c.level,
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
    directoryTable<Models>((models) => models.OrgDirectory, regionCodesOf),
  ],
  // One relation over the three subjects (columns a subject lacks are null); a breakdown counts
  // one subject, filtered by SUBJECT.
  from: `(SELECT 'ASSISTANCE_CASES' AS subject, organization_id, province, city, county,
        status AS case_status, level AS hardship_level FROM assistance_cases
      UNION ALL BY NAME
      SELECT 'WORKERS_HOMES' AS subject, h.organization_id, h.kind AS home_kind,
        coalesce((SELECT arg_max(t.level, ${TITLE_RANK}) FROM model_titles t
          WHERE t.home_id = h.id AND t.status = 'COMMENDED'), 'NONE') AS home_title
        FROM workers_homes h
      UNION ALL BY NAME
      SELECT 'LABOR_ALERTS' AS subject, organization_id, category AS alert_category,
        stage AS alert_stage, risk AS risk_level FROM labor_alerts) f
    LEFT JOIN orgs o ON o.id = f.organization_id`,
  path: 'o.path',
  dimensions: {
    SUBJECT: { sql: 'f.subject', label: (code) => code },
    PROVINCE: region('province'),
    CITY: region('city'),
    COUNTY: region('county'),
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
  },
};
