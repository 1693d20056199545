import { division } from '@union-graph/domain';
import { type Caller, publishChanges } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { alertFlow, stepData } from '../domain/alerts';
import { assistanceFlow } from '../domain/assistance';
import { modelTitleFlow } from '../domain/titles';
import { replay } from '../domain/workflow';
import {
  type AssistanceCaseDoc,
  heldTitleSteps,
  type LaborAlertDoc,
  type ModelTitleDoc,
  type StepDoc,
  type TitleLevel,
  type WorkersHomeDoc,
} from '../models';
import {
  SUBJECT_DIMENSIONS,
  UNION_DIMENSIONS,
  type WorkerServiceDimension,
  type WorkerServiceSubject,
} from '../statistics';
import { failure, ids, orgs, useHarness } from './fixtures';

const h = useHarness();
const national = testCallers.national();

interface Table {
  rows: { values: { code: string; label: string }[]; count: number | null; suppressed: boolean }[];
  total: number | null;
  suppressedCells: number;
  minimumCount: number | null;
  asOf: string;
}
const BREAKDOWN = `query($subject: WorkerServiceSubject!, $groupBy: [WorkerServiceDimension!]!, $filter: WorkerServiceBreakdownFilter) {
  workerServiceBreakdown(subject: $subject, groupBy: $groupBy, filter: $filter) {
    rows { values { code label } count suppressed } total suppressedCells minimumCount asOf
  }
}`;
const breakdown = (
  caller: Caller,
  subject: WorkerServiceSubject,
  groupBy: WorkerServiceDimension[],
  filter?: Record<string, unknown>,
) => h.gql<{ workerServiceBreakdown: Table }>(caller, BREAKDOWN, { subject, groupBy, filter });
async function table(
  caller: Caller,
  subject: WorkerServiceSubject,
  groupBy: WorkerServiceDimension[],
  filter?: Record<string, unknown>,
) {
  const res = await breakdown(caller, subject, groupBy, filter);
  if (!res.data?.workerServiceBreakdown) throw new Error(JSON.stringify(res.errors));
  return res.data.workerServiceBreakdown;
}
const counted = (t: Table) =>
  Object.fromEntries(t.rows.map((r) => [r.values.map((v) => v.code).join('|'), r.count]));

const CASE = `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }`;
const ALERT = `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`;
const HOME = `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id } }`;
const step = (mutation: string, args = '') => `mutation($id: ID!) { ${mutation}(id: $id${args}) { id } }`;

/** A title campaign as demo data holds it: its steps recorded, announced as the steps would be. */
async function title(homeId: string, organizationId: string, level: TitleLevel, recheckPassed?: boolean) {
  const models = h.subgraph.server.models;
  const _id = `title-${homeId}-${level}`;
  await models.ModelTitle.create({ _id, homeId, organizationId, level, conferrerId: ids.county, round: 1 });
  const steps: StepDoc[] = heldTitleSteps(_id, new Date('2024-05-01T00:00:00Z'));
  if (recheckPassed !== undefined)
    steps.push({
      ...steps[2]!,
      _id: `${_id}:RECHECK:1`,
      step: 'RECHECK',
      at: new Date('2025-05-01'),
      passed: recheckPassed,
    });
  await models.Step.insertMany(steps);
  const { server } = h.subgraph;
  await publishChanges(server.redis, server.keyspace, server.name, [
    { type: 'ModelTitle', id: _id, op: 'upsert', version: Date.now() },
  ]);
}

beforeAll(async () => {
  const open = async (organizationId: string, memberId: string, level: string) =>
    (
      await h.ok(national, CASE, {
        input: {
          organizationId,
          memberId,
          level,
          causes: ['ILLNESS'],
          household: { size: 3, monthlyIncomePerHead: 50_000 },
        },
      })
    ).openAssistanceCase.id as string;
  await open(ids.unionA, 'm1', 'DEEP');
  const closed = await open(ids.unionA, 'm2', 'RELATIVE');
  await h.ok(national, step('reviewAssistanceCase', ', passed: true'), { id: closed });
  await h.ok(national, step('approveAssistanceCase', ', passed: true'), { id: closed });
  await h.ok(national, step('closeAssistanceCase'), { id: closed });
  const rejected = await open(ids.unionB, 'm3', 'DEEP');
  await h.ok(national, step('reviewAssistanceCase', ', passed: false'), { id: rejected });
  await open(ids.otherUnion, 'm4', 'ACCIDENTAL');

  const home = async (organizationId: string, kind: string) =>
    (
      await h.ok(national, HOME, {
        input: { organizationId, name: `${organizationId} 职工之家`, kind, establishedAt: '2015-05-01' },
      })
    ).createWorkersHome.id as string;
  const homeA = await home(ids.unionA, 'STANDARD');
  const homeB = await home(ids.unionB, 'STANDARD');
  await home(ids.otherUnion, 'JOINT');
  await home(ids.unionA, 'ONLINE');
  await title(homeA, ids.unionA, 'COUNTY');
  await title(homeA, ids.unionA, 'CITY', true);
  await title(homeB, ids.unionB, 'COUNTY', false);

  const raise = async (organizationId: string, category: string) =>
    (
      await h.ok(national, ALERT, {
        input: { organizationId, category, description: '情况说明', workersAffected: 50 },
      })
    ).raiseLaborAlert.id as string;
  const high = await raise(ids.unionA, 'WAGE_ARREARS');
  await h.ok(national, step('assessLaborAlert', ', risk: HIGH'), { id: high });
  await raise(ids.unionB, 'LAYOFFS');
  const resolved = await raise(ids.otherUnion, 'SAFETY');
  await h.ok(national, step('assessLaborAlert', ', risk: LOW'), { id: resolved });
  await h.ok(national, step('reportLaborAlert'), { id: resolved });
  await h.ok(national, step('resolveLaborAlert'), { id: resolved });
  await h.subgraph.server.caughtUp();
});

/** Each subject's records with every dimension's code, computed here from the stored documents. */
async function expected(): Promise<Record<WorkerServiceSubject, Record<string, string>[]>> {
  const m = h.subgraph.server.models;
  const steps = await m.Step.find().lean<StepDoc[]>();
  const stateOf = <S extends string>(flow: Parameters<typeof replay<S>>[0], id: string) =>
    replay(
      flow,
      steps.filter((s) => s.subjectId === id),
    );
  const union = (organizationId: string, divisionCode?: string) => {
    const org = orgs.find((o) => o._id === organizationId)!;
    const d = division(divisionCode ?? org.divisionCode)!;
    return {
      PROVINCE: d.provinceCode,
      CITY: d.cityCode ?? 'unknown',
      COUNTY: d.level === 'COUNTY' ? d.code : 'unknown',
      ORGANIZATION_TYPE: org.type,
    };
  };
  const RANK = ['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'];
  const titles = await m.ModelTitle.find().lean<ModelTitleDoc[]>();
  const held = (homeId: string) =>
    titles
      .filter((t) => t.homeId === homeId && stateOf(modelTitleFlow, t._id).status === 'COMMENDED')
      .map((t) => t.level)
      .sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0] ?? 'NONE';
  return {
    ASSISTANCE_CASES: (await m.AssistanceCase.find().lean<AssistanceCaseDoc[]>()).map((c) => ({
      ...union(c.organizationId, c.divisionCode),
      CASE_STATUS: stateOf(assistanceFlow, c._id).status,
      HARDSHIP_LEVEL: c.level,
    })),
    WORKERS_HOMES: (await m.WorkersHome.find().lean<WorkersHomeDoc[]>()).map((w) => ({
      ...union(w.organizationId),
      HOME_KIND: w.kind,
      HOME_TITLE: held(w._id),
    })),
    LABOR_ALERTS: (await m.LaborAlert.find().lean<LaborAlertDoc[]>()).map((a) => {
      const state = stateOf(alertFlow, a._id);
      return {
        ...union(a.organizationId),
        ALERT_CATEGORY: a.category,
        ALERT_STAGE: state.status,
        RISK_LEVEL: (stepData(state, 'ASSESS')?.risk as string | undefined) ?? 'UNASSESSED',
      };
    }),
  };
}

describe('workerServiceBreakdown', () => {
  it('counts each subject by each of its dimensions as the stored records and their steps give them', async () => {
    const records = await expected();
    for (const subject of Object.keys(SUBJECT_DIMENSIONS) as WorkerServiceSubject[]) {
      expect(records[subject]).toHaveLength(subject === 'LABOR_ALERTS' ? 3 : 4);
      for (const d of [...UNION_DIMENSIONS, ...SUBJECT_DIMENSIONS[subject]]) {
        const tally: Record<string, number> = {};
        for (const r of records[subject]) tally[r[d]!] = (tally[r[d]!] ?? 0) + 1;
        const t = await table(national, subject, [d]);
        expect([subject, d, counted(t)]).toEqual([subject, d, tally]);
        expect(t.total).toBe(records[subject].length);
      }
    }
    // Hand-checked: a revoked title is no title, and the higher of two held titles counts.
    expect(counted(await table(national, 'WORKERS_HOMES', ['HOME_TITLE']))).toEqual({ CITY: 1, NONE: 3 });
    expect(counted(await table(national, 'ASSISTANCE_CASES', ['CASE_STATUS', 'HARDSHIP_LEVEL']))).toEqual({
      'SUBMITTED|DEEP': 1,
      'CLOSED|RELATIVE': 1,
      'REJECTED|DEEP': 1,
      'SUBMITTED|ACCIDENTAL': 1,
    });
    expect(counted(await table(national, 'LABOR_ALERTS', ['ALERT_STAGE', 'RISK_LEVEL']))).toEqual({
      'ASSESSED|HIGH': 1,
      'WARNED|UNASSESSED': 1,
      'RESOLVED|LOW': 1,
    });
  });

  it('labels codes in the caller’s language', async () => {
    const t = await table(national, 'LABOR_ALERTS', ['PROVINCE', 'RISK_LEVEL'], {
      provinceCodes: ['440000'],
    });
    expect(t.rows.map((r) => r.values.map((v) => v.label))).toEqual([['广东省', '低风险']]);
    const en = await table({ ...national, language: 'en' }, 'WORKERS_HOMES', ['ORGANIZATION_TYPE']);
    expect(en.rows.map((r) => r.values[0]!.label)).toEqual(['Basic-level union']);
  });

  it('counts the caller’s subtree and refuses what lies outside it, other roles and foreign dimensions', async () => {
    expect((await table(testCallers.orgAdmin(ids.township), 'WORKERS_HOMES', ['HOME_KIND'])).total).toBe(3);
    expect(
      (await table(national, 'LABOR_ALERTS', ['ALERT_STAGE'], { organizationId: ids.unionB })).total,
    ).toBe(1);
    const outside = await breakdown(testCallers.orgAdmin(ids.unionA), 'WORKERS_HOMES', ['HOME_KIND'], {
      organizationId: ids.otherUnion,
    });
    expect(failure(outside).code).toBe('FORBIDDEN');
    const member = await breakdown(testCallers.member('m1', ids.unionA), 'WORKERS_HOMES', ['HOME_KIND']);
    expect(failure(member).code).toBe('FORBIDDEN');
    expect(failure(await breakdown(national, 'LABOR_ALERTS', ['HOME_TITLE']))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
    });
  });

  it('holds an analyst to k for cases (persons) only', async () => {
    const analyst = testCallers.analyst();
    // Four cases in all: fewer than five persons, so the whole table is withheld.
    const cases = await table(analyst, 'ASSISTANCE_CASES', ['HARDSHIP_LEVEL']);
    expect(cases).toMatchObject({ total: null, minimumCount: 5, suppressedCells: 3 });
    expect(cases.rows.every((r) => r.suppressed && r.count === null)).toBe(true);
    const homes = await table(analyst, 'WORKERS_HOMES', ['HOME_TITLE']);
    expect(homes).toMatchObject({ total: 4, minimumCount: null, suppressedCells: 0 });
  });

  it('shows a step once its event is applied', async () => {
    const before = counted(await table(national, 'LABOR_ALERTS', ['ALERT_STAGE']));
    const warned = (await h.subgraph.server.models.LaborAlert.findOne({ category: 'LAYOFFS' }).lean())!;
    await h.ok(national, step('assessLaborAlert', ', risk: MEDIUM'), { id: warned._id });
    await h.subgraph.server.caughtUp();
    const after = counted(await table(national, 'LABOR_ALERTS', ['ALERT_STAGE']));
    expect(before).toMatchObject({ WARNED: 1, ASSESSED: 1 });
    expect(after).toEqual({ ASSESSED: 2, RESOLVED: 1 });
  });
});
