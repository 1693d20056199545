import { division, townshipOf } from '@union-graph/domain';
import {
  type Caller,
  findDownload,
  publishChanges,
  statisticsDownloads,
  today,
} from '@union-graph/subgraph-kit';
import { publishOrgs, testCallers } from '@union-graph/subgraph-kit/testing';
import { alertFlow, stepData } from '../domain/alerts';
import { assistanceFlow, assistedAmount } from '../domain/assistance';
import { contractDays, contractFlow, scopeOf } from '../domain/contracts';
import { modelTitleFlow } from '../domain/titles';
import { replay } from '../domain/workflow';
import {
  type AssistanceCaseDoc,
  type CollectiveContractDoc,
  type CoveredUnitDoc,
  heldTitleSteps,
  type LaborAlertDoc,
  type ModelTitleDoc,
  type StepDoc,
  type TitleLevel,
  type WorkersHomeDoc,
} from '../models';
import {
  SUBJECT_DIMENSIONS,
  SUBJECT_MEASURES,
  UNION_DIMENSIONS,
  type WorkerServiceDimension,
  type WorkerServiceSubject,
} from '../statistics';
import { failure, ids, isoDay, orgs, useHarness } from './fixtures';

const h = useHarness();
const national = testCallers.national();

interface Measured {
  measure: string;
  value: number | null;
  suppressed: boolean;
}
interface Table {
  rows: {
    values: { code: string; label: string }[];
    count: number | null;
    measures: Measured[];
    suppressed: boolean;
  }[];
  total: number | null;
  measures: Measured[];
  suppressedCells: number;
  minimumCount: number | null;
  asOf: string;
}
const BREAKDOWN = `query($subject: WorkerServiceSubject!, $groupBy: [WorkerServiceDimension!]!, $filter: WorkerServiceBreakdownFilter) {
  workerServiceBreakdown(subject: $subject, groupBy: $groupBy, filter: $filter) {
    rows { values { code label } count measures { measure value suppressed } suppressed }
    total measures { measure value suppressed } suppressedCells minimumCount asOf
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
/** Each row's value of its one measure. */
const summed = (t: Table) =>
  Object.fromEntries(t.rows.map((r) => [r.values.map((v) => v.code).join('|'), r.measures[0]?.value]));

const CASE = `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }`;
const ALERT = `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`;
const HOME = `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id } }`;
const step = (mutation: string, args = '') => `mutation($id: ID!) { ${mutation}(id: $id${args}) { id } }`;
const give = (amount: number) => step('giveAssistance', `, input: { kind: CASH, amount: ${amount} }`);
const CONTRACT = `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { id } }`;
const COVER = `mutation($input: CoveredUnitInput!) { addCoveredUnit(input: $input) { id } }`;
const dated = (mutation: string, field: string) =>
  `mutation($id: ID!, $on: Date!) { ${mutation}(id: $id, ${field}: $on) { id } }`;

/** unionA's host unit: retail (52, section F), private; unionB's records none. */
const UNIT_FACTS: Record<string, { INDUSTRY_SECTION: string; OWNERSHIP: string }> = {
  [ids.unionA]: { INDUSTRY_SECTION: 'F', OWNERSHIP: 'PRIVATE' },
};

/** A contract as data from before the graph holds it (its term over): stored, its steps too, announced. */
async function pastContract() {
  const { server } = h.subgraph;
  const _id = 'contract-gd-2021';
  await server.models.CollectiveContract.create({
    _id,
    organizationId: ids.otherUnion,
    kind: 'SPECIAL',
    scope: 'UNIT',
    title: '丙公司女职工权益保护专项集体合同',
    startsOn: new Date('2021-01-01'),
    expiresOn: new Date('2023-12-31'),
    renewsKey: _id,
  });
  const at = new Date('2021-01-05T00:00:00Z');
  const base = { subjectId: _id, subjectType: 'CollectiveContract', round: 1, at, by: 'seed' };
  await server.models.Step.insertMany([
    { ...base, _id: `${_id}:NEGOTIATE:1`, step: 'NEGOTIATE' },
    { ...base, _id: `${_id}:SIGN:1`, step: 'SIGN', data: { signedOn: at } },
  ]);
  await publishChanges(server.redis, server.keyspace, server.name, [
    { type: 'CollectiveContract', id: _id, op: 'upsert', version: Date.now() },
  ]);
}

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
  await h.ok(national, give(30_000), { id: closed });
  await h.ok(national, give(12_500), { id: closed });
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

  const { server } = h.subgraph;
  await publishOrgs(server, [
    { ...orgs.find((o) => o._id === ids.unionA)!, version: 2, industry: '52', ownership: 'PRIVATE' },
  ]);
  await publishChanges(
    server.redis,
    server.keyspace,
    'organizations',
    [ids.unionA, ids.unionB].map((coveredBy, i) => ({
      type: 'HostUnit',
      id: `unit-${i}`,
      op: 'upsert' as const,
      version: 1,
      data: { name: `餐饮单位${i}`, creditCode: `91410102MA0000000${i}`, coveredBy },
    })),
  );
  await server.directory?.caughtUp();
  const contract = async (organizationId: string, kind: string, startsIn: number, more = {}) =>
    (
      await h.ok(national, CONTRACT, {
        input: {
          organizationId,
          kind,
          title: '集体合同',
          startsOn: isoDay(startsIn),
          expiresOn: isoDay(startsIn + 364),
          ...more,
        },
      })
    ).createCollectiveContract.id as string;
  const sign = async (id: string) => {
    await h.ok(national, step('recordNegotiation'), { id });
    await h.ok(national, dated('signCollectiveContract', 'signedOn'), { id, on: isoDay(-95) });
  };
  const wage = await contract(ids.unionA, 'WAGE', -100);
  await sign(wage);
  await h.ok(national, dated('fileCollectiveContract', 'filedOn'), { id: wage, on: isoDay(-90) });
  await contract(ids.unionB, 'GENERAL', 10);
  const sectoral = await contract(ids.township, 'WAGE', -100, {
    scope: 'SECTORAL',
    industry: '餐饮',
    employerSide: '林山寨街道餐饮行业协会',
  });
  await sign(sectoral);
  for (const [i, workers] of [120, 80].entries())
    await h.ok(national, COVER, {
      input: { contractId: sectoral, hostUnitId: `unit-${i}`, workersCovered: workers },
    });
  await h.ok(
    national,
    `mutation($c: ID!, $u: ID!) { removeCoveredUnit(contractId: $c, hostUnitId: $u) { id } }`,
    { c: sectoral, u: 'unit-1' },
  );
  await pastContract();
  await server.caughtUp();
});

/** Each subject's records with every dimension's code, computed here from the stored documents. */
async function expected(): Promise<Record<WorkerServiceSubject, Record<string, string | number>[]>> {
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
    const townships = org.path.map((id) => townshipOf(orgs.find((o) => o._id === id)!)).filter(Boolean);
    return {
      PROVINCE: d.provinceCode,
      CITY: d.cityCode ?? 'unknown',
      COUNTY: d.level === 'COUNTY' ? d.code : 'unknown',
      TOWNSHIP: townships.at(-1) ?? 'unknown',
      ORGANIZATION_TYPE: org.type,
    };
  };
  const day = today();
  const contracts = await m.CollectiveContract.find().lean<CollectiveContractDoc[]>();
  const covered = await m.CoveredUnit.find({ removedOn: null }).lean<CoveredUnitDoc[]>();
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
      ASSISTED_AMOUNT_FEN_SUM: assistedAmount(stateOf(assistanceFlow, c._id)),
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
    COLLECTIVE_CONTRACTS: contracts.map((c) => {
      const { status: stage, applied } = stateOf(contractFlow, c._id);
      const { signedOn } = contractDays(applied);
      const signed = stage === 'SIGNED' || stage === 'FILED';
      const renewed = contracts.some((r) => r.renewsId === c._id);
      const facts = scopeOf(c) === 'UNIT' ? UNIT_FACTS[c.organizationId] : undefined;
      return {
        ...union(c.organizationId),
        CONTRACT_KIND: c.kind,
        CONTRACT_SCOPE: scopeOf(c),
        CONTRACT_STATUS: renewed ? 'RENEWED' : signed && day > c.expiresOn ? 'EXPIRED' : stage,
        IN_FORCE:
          signedOn && signedOn <= day && c.startsOn <= day && day <= c.expiresOn
            ? 'IN_FORCE'
            : 'NOT_IN_FORCE',
        INDUSTRY_SECTION: facts?.INDUSTRY_SECTION ?? 'unknown',
        OWNERSHIP: facts?.OWNERSHIP ?? 'unknown',
        WORKERS_COVERED_SUM: covered
          .filter((u) => u.contractId === c._id)
          .reduce((n, u) => n + u.workersCovered, 0),
      };
    }),
  };
}

describe('workerServiceBreakdown', () => {
  it('counts each subject by each of its dimensions, and sums its measures, as the stored records and their steps give them', async () => {
    const records = await expected();
    for (const subject of Object.keys(SUBJECT_DIMENSIONS) as WorkerServiceSubject[]) {
      expect(records[subject]).toHaveLength(subject === 'LABOR_ALERTS' ? 3 : 4);
      for (const d of [...UNION_DIMENSIONS, ...SUBJECT_DIMENSIONS[subject]]) {
        const tally: Record<string, number> = {};
        const sums: Record<string, number> = {};
        for (const r of records[subject]) {
          const code = String(r[d]);
          tally[code] = (tally[code] ?? 0) + 1;
          for (const m of SUBJECT_MEASURES[subject]) sums[code] = (sums[code] ?? 0) + Number(r[m]);
        }
        const t = await table(national, subject, [d]);
        expect([subject, d, counted(t)]).toEqual([subject, d, tally]);
        expect(t.total).toBe(records[subject].length);
        // Each subject carries its own measures only.
        expect(t.measures.map((m) => m.measure)).toEqual(SUBJECT_MEASURES[subject]);
        if (SUBJECT_MEASURES[subject].length) expect([subject, d, summed(t)]).toEqual([subject, d, sums]);
      }
    }
    // Hand-checked: 425 yuan given to one household; the sectoral contract lists 120 workers
    // (the unit of 80 was taken off), the others none.
    expect(summed(await table(national, 'ASSISTANCE_CASES', ['CASE_STATUS']))).toMatchObject({
      CLOSED: 42_500,
      SUBMITTED: 0,
    });
    expect(counted(await table(national, 'COLLECTIVE_CONTRACTS', ['CONTRACT_STATUS', 'IN_FORCE']))).toEqual({
      'FILED|IN_FORCE': 1,
      'SIGNED|IN_FORCE': 1,
      'DRAFT|NOT_IN_FORCE': 1,
      'EXPIRED|NOT_IN_FORCE': 1,
    });
    expect(summed(await table(national, 'COLLECTIVE_CONTRACTS', ['CONTRACT_SCOPE']))).toEqual({
      SECTORAL: 120,
      UNIT: 0,
    });
    expect(counted(await table(national, 'COLLECTIVE_CONTRACTS', ['TOWNSHIP', 'INDUSTRY_SECTION']))).toEqual({
      '410102001|F': 1,
      '410102001|unknown': 2,
      'unknown|unknown': 1,
    });
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

describe('workerServiceBreakdown answering the old reports (issue #19)', () => {
  const countyAnalyst = { ...testCallers.analyst(), orgId: ids.county };
  const amountOf = (t: Table) => t.measures[0]!;

  it('counts contracts over the subtree asked for, and refuses one outside the caller’s', async () => {
    const township = await table(testCallers.orgAdmin(ids.township), 'COLLECTIVE_CONTRACTS', [
      'CONTRACT_SCOPE',
    ]);
    expect(counted(township)).toEqual({ UNIT: 2, SECTORAL: 1 });
    const unionB = await table(national, 'COLLECTIVE_CONTRACTS', ['CONTRACT_KIND'], {
      organizationId: ids.unionB,
    });
    expect(counted(unionB)).toEqual({ GENERAL: 1 });
    const outside = await breakdown(testCallers.orgAdmin(ids.unionA), 'COLLECTIVE_CONTRACTS', ['IN_FORCE'], {
      organizationId: ids.otherUnion,
    });
    expect(failure(outside).code).toBe('FORBIDDEN');
    // Contracts are records: an analyst reads a cell of one.
    const analyst = await table(testCallers.analyst(), 'COLLECTIVE_CONTRACTS', ['OWNERSHIP']);
    expect(analyst).toMatchObject({ total: 4, minimumCount: null, suppressedCells: 0 });
    expect(counted(analyst)).toEqual({ PRIVATE: 1, unknown: 3 });
    expect(analyst.rows.find((r) => r.values[0]!.code === 'PRIVATE')!.values[0]!.label).toBe('私营');
  });

  it('gives the figures the deprecated report fields gave', async () => {
    const { hardshipStatistics, sectoralCoverageReport } = await h.ok(
      national,
      `{ hardshipStatistics(organizationId: "${ids.national}") { divisionCode assistedAmount }
        sectoralCoverageReport(organizationId: "${ids.national}") { contracts } }`,
    );
    const amounts = summed(await table(national, 'ASSISTANCE_CASES', ['COUNTY']));
    expect(amounts).toEqual({ '410102': 42_500, '440106': 0 });
    expect(
      Object.fromEntries(
        hardshipStatistics.map((r: { divisionCode: string; assistedAmount: number }) => [
          r.divisionCode,
          r.assistedAmount,
        ]),
      ),
    ).toEqual(amounts);
    const inForce = counted(await table(national, 'COLLECTIVE_CONTRACTS', ['CONTRACT_SCOPE', 'IN_FORCE']));
    expect(sectoralCoverageReport.contracts).toBe(
      (inForce['SECTORAL|IN_FORCE'] ?? 0) + (inForce['REGIONAL|IN_FORCE'] ?? 0),
    );
    expect(sectoralCoverageReport.contracts).toBe(1);
  });

  it('withholds an amount given to k − 1 households from an analyst, and shows it given to k', async () => {
    const open = async (n: number) =>
      (
        await h.ok(national, CASE, {
          input: {
            organizationId: ids.unionB,
            memberId: `k-${n}`,
            level: 'RELATIVE',
            causes: ['ILLNESS'],
            household: { size: 2, monthlyIncomePerHead: 40_000 },
          },
        })
      ).openAssistanceCase.id as string;
    const assisted = async (id: string) => {
      await h.ok(national, step('reviewAssistanceCase', ', passed: true'), { id });
      await h.ok(national, step('approveAssistanceCase', ', passed: true'), { id });
      await h.ok(national, give(10_000), { id });
    };
    // The county's cases: m1, m2 (given 42,500 fen), m3 and five more, three of them given 10,000.
    const more = [];
    for (const n of [1, 2, 3, 4, 5]) more.push(await open(n));
    for (const id of more.slice(0, 3)) await assisted(id);
    await h.subgraph.server.caughtUp();
    const four = await table(countyAnalyst, 'ASSISTANCE_CASES', ['COUNTY']);
    expect(four.total).toBe(8);
    expect(amountOf(four)).toEqual({ measure: 'ASSISTED_AMOUNT_FEN_SUM', value: null, suppressed: true });
    expect(four.rows[0]!.measures[0]).toMatchObject({ value: null, suppressed: true });
    // An administrator reads it whatever the households.
    expect(
      amountOf(await table(testCallers.orgAdmin(ids.county), 'ASSISTANCE_CASES', ['COUNTY'])),
    ).toMatchObject({
      value: 72_500,
      suppressed: false,
    });
    await assisted(more[3]!);
    await h.subgraph.server.caughtUp();
    const five = await table(countyAnalyst, 'ASSISTANCE_CASES', ['COUNTY']);
    expect(amountOf(five)).toEqual({ measure: 'ASSISTED_AMOUNT_FEN_SUM', value: 82_500, suppressed: false });
    expect(summed(five)).toEqual({ '410102': 82_500 });
    // By township the county's cases are one cell (林山寨街道's unions), the same figure.
    expect(summed(await table(countyAnalyst, 'ASSISTANCE_CASES', ['TOWNSHIP']))).toEqual({
      '410102001': 82_500,
    });
  });

  it('places a case opened in a street’s own division in that street', async () => {
    const county = orgs.find((o) => o._id === ids.county)!;
    const street = { _id: 'org-union-c', name: '丁公司工会委员会', type: 'GRASSROOTS', level: 'GRASSROOTS' };
    await publishOrgs(h.subgraph.server, [
      { ...street, divisionCode: '410102002', path: [...county.path, street._id] },
    ]);
    await h.ok(national, CASE, {
      input: {
        organizationId: street._id,
        memberId: 'm-street',
        level: 'DEEP',
        causes: ['ILLNESS'],
        household: { size: 4, monthlyIncomePerHead: 30_000 },
      },
    });
    await h.subgraph.server.caughtUp();
    const t = await table(national, 'ASSISTANCE_CASES', ['COUNTY', 'TOWNSHIP'], {
      organizationId: ids.county,
    });
    expect(counted(t)).toEqual({ '410102|410102001': 8, '410102|410102002': 1 });
    expect(t.rows.map((r) => r.values[1]!.label)).toEqual(['中原区林山寨街道', '中原区建设路街道']);
  });

  it('exports contracts with their measure, headers in Chinese', async () => {
    const EXPORT = `query($subject: WorkerServiceSubject!, $groupBy: [WorkerServiceDimension!]!) {
      exportWorkerServiceBreakdown(subject: $subject, groupBy: $groupBy, format: CSV) { downloadPath rows } }`;
    const analyst = testCallers.analyst();
    const file = (
      await h.ok(analyst, EXPORT, {
        subject: 'COLLECTIVE_CONTRACTS',
        groupBy: ['CONTRACT_SCOPE', 'IN_FORCE'],
      })
    ).exportWorkerServiceBreakdown;
    expect(file.rows).toBe(3);
    const id = String(file.downloadPath).split('/').at(-1)!;
    const stored = await findDownload(
      statisticsDownloads(h.subgraph.server.models.WorkersHome.db),
      id,
      analyst,
    );
    const lines = stored!.content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines.slice(0, 5)).toEqual([
      '覆盖范围,是否生效,计数,占比（%）,覆盖职工数',
      '单一单位,未生效或已失效,2,50,0',
      '行业性,生效中,1,25,120',
      '单一单位,生效中,1,25,0',
      '合计,,4,100,120',
    ]);
  });

  it('shows a contract filed once its event is applied', async () => {
    const signed = (await h.subgraph.server.models.CollectiveContract.findOne({ scope: 'SECTORAL' }).lean())!;
    const before = counted(await table(national, 'COLLECTIVE_CONTRACTS', ['CONTRACT_STATUS']));
    await h.ok(national, dated('fileCollectiveContract', 'filedOn'), { id: signed._id, on: isoDay(-1) });
    await h.subgraph.server.caughtUp();
    const after = counted(await table(national, 'COLLECTIVE_CONTRACTS', ['CONTRACT_STATUS']));
    expect(before).toEqual({ SIGNED: 1, FILED: 1, DRAFT: 1, EXPIRED: 1 });
    expect(after).toEqual({ FILED: 2, DRAFT: 1, EXPIRED: 1 });
  });
});
