import { type Caller, setClock } from '@union-graph/subgraph-kit';
import {
  type DirectoryEntry,
  publishOrgs,
  type TestSubgraph,
  testCallers,
} from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import type { UNION_DIMENSIONS } from '../statistics';
import {
  appointAs,
  asNational,
  type BreakdownTable,
  codeOf,
  END_TERM,
  FEDERATIONS,
  fieldOf,
  national,
  startCadres,
} from './fixtures';

/*
 * cadreBreakdown(subject: UNIONS) (issue #19): R3 / R4 staffing, the chair's R6 training and the
 * R17 vacancy of each live union, against the old reports on the same data, at the rules'
 * boundaries, in scope and under k for an analyst. Today in China is 2025-06-30 throughout.
 */

let sg: TestSubgraph<Models>;
const analyst = testCallers.analyst();

/**
 * Beside the fixtures' tree, its R3 / R4 federations; under Tianhe two grassroots unions (g5, its
 * chair gone for exactly three months; g7) and a dissolved street federation; under Beijing a
 * grassroots union whose chair left three months and a day ago.
 */
const MORE: DirectoryEntry[] = [
  ...FEDERATIONS,
  {
    _id: 'g5',
    name: '戊公司工会',
    type: 'GRASSROOTS',
    divisionCode: '440106',
    path: ['n', 'gd', 'th', 'g5'],
  },
  {
    _id: 'g7',
    name: '庚公司工会',
    type: 'GRASSROOTS',
    divisionCode: '440106',
    path: ['n', 'gd', 'th', 'g7'],
  },
  {
    _id: 'gone',
    name: '原冼村街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    divisionCode: '440106',
    path: ['n', 'gd', 'th', 'gone'],
    status: 'DISSOLVED',
  },
  { _id: 'g6', name: '己公司工会', type: 'GRASSROOTS', divisionCode: '110101', path: ['n', 'bj', 'g6'] },
];

const ids: Record<string, string> = {};

async function appoint(key: string, ...args: [string, string, string, boolean?]) {
  ids[key] = await appointAs(sg, key, ...args);
}

const ok = (query: string, input: Record<string, unknown>) => asNational(sg, query, input);

beforeAll(async () => {
  setClock('2025-06-30T04:00:00Z');
  sg = await startCadres();
  await publishOrgs(sg.server, MORE);
  // R3 / R4: st1 has a part-time vice-chair and a full-time clerk (short: R3 counts vice-chairs);
  // st2 exactly the one full-time vice-chair R3 asks; sf a full-time chair and two full-time
  // staff (R4 counts any); dz's full-time vice-chair has left (short); bst has nobody (short).
  // Full-time cadres: 5 in Guangdong, all in Tianhe; one of them a vice-chair.
  await appoint('st1vice', 'st1', 'VICE_CHAIR', '2024-01-01');
  await appoint('st1clerk', 'st1', 'FULL_TIME_STAFF', '2024-01-01', true);
  await appoint('st2vice', 'st2', 'VICE_CHAIR', '2024-01-01', true);
  await appoint('sfchair', 'sf', 'CHAIR', '2024-01-01', true);
  await appoint('sfstaff1', 'sf', 'FULL_TIME_STAFF', '2024-01-01', true);
  await appoint('sfstaff2', 'sf', 'FULL_TIME_STAFF', '2024-01-01', true);
  await appoint('dzvice', 'dz', 'VICE_CHAIR', '2023-01-01', true);
  await ok(END_TERM, { cadreId: ids.dzvice, endedOn: '2025-01-31', reason: '调离' });
  // R6, as in statistics.test: g1 overdue by a day, g2 due today, g3 trained on day 365, g4 on
  // day 366, g7 a month in office.
  await appoint('g1chair', 'g1', 'CHAIR', '2024-06-29');
  await appoint('g2chair', 'g2', 'CHAIR', '2024-06-30');
  await appoint('g3chair', 'g3', 'CHAIR', '2023-01-01');
  await appoint('g4chair', 'g4', 'CHAIR', '2023-01-01');
  await appoint('g7chair', 'g7', 'CHAIR', '2025-06-01');
  const train = `mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`;
  const course = { course: '基层工会主席任职培训', hours: 24 };
  await ok(train, { cadreId: ids.g3chair, completedOn: '2024-01-01', ...course });
  await ok(train, { cadreId: ids.g4chair, completedOn: '2024-01-02', ...course });
  // R17: g5's chair left on 2025-03-30 (three months end today: still in time), g6's a day earlier.
  await appoint('g5chair', 'g5', 'CHAIR', '2022-01-01');
  await ok(END_TERM, { cadreId: ids.g5chair, endedOn: '2025-03-30', reason: '调离' });
  await appoint('g6chair', 'g6', 'CHAIR', '2022-01-01');
  await ok(END_TERM, { cadreId: ids.g6chair, endedOn: '2025-03-29', reason: '调离' });
  await sg.server.caughtUp();
});
afterAll(async () => {
  setClock(null);
  await sg?.stop();
});

type Table = Pick<BreakdownTable, 'rows' | 'total' | 'measures' | 'suppressedCells'>;
type Dimension = (typeof UNION_DIMENSIONS)[number];
const BREAKDOWN = `query($subject: CadreSubject, $groupBy: [CadreDimension!]!, $filter: CadreBreakdownFilter) {
  cadreBreakdown(subject: $subject, groupBy: $groupBy, filter: $filter) {
    rows { values { code label } count suppressed measures { measure value suppressed } }
    total measures { measure value suppressed } suppressedCells
  }
}`;
async function breakdown(
  caller: Caller,
  groupBy: string[],
  filter?: Record<string, unknown>,
  subject = 'UNIONS',
) {
  return sg.request<{ cadreBreakdown: Table }>(BREAKDOWN, {
    caller,
    variables: { subject, groupBy, filter },
  });
}
async function unions(
  caller: Caller,
  groupBy: Dimension[],
  filter?: Record<string, unknown>,
): Promise<Table> {
  const res = await breakdown(caller, groupBy, filter);
  if (!res.data?.cadreBreakdown) throw new Error(JSON.stringify(res.errors));
  return res.data.cadreBreakdown;
}
const key = (r: Table['rows'][number]) => r.values.map((v) => v.code).join('|');
const counted = (t: Table) => Object.fromEntries(t.rows.map((r) => [key(r), r.count]));
/** Each row's measure, by row. */
const measured = (t: Table, measure: string) =>
  Object.fromEntries(t.rows.map((r) => [key(r), r.measures.find((m) => m.measure === measure)?.value]));

async function report<T>(query: string, caller: Caller = national): Promise<T> {
  const res = await sg.request<T>(query, { caller });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

const R3_R4 = { staffingRules: ['R3', 'R4'] };

describe('cadreBreakdown(subject: UNIONS): R3 / R4 staffing', () => {
  it('judges each live union as staffing does, and sums what the rules require and what serves', async () => {
    const t = await unions(national, ['STAFFING_RULE', 'STAFFING_STATE']);
    // 16 live unions: the dissolved street federation is left out.
    expect(t.total).toBe(16);
    expect(counted(t)).toEqual({ 'R3|SHORT': 3, 'R3|MEETS': 1, 'R4|MEETS': 1, 'NONE|NOT_APPLICABLE': 11 });
    expect(measured(t, 'REQUIRED_STAFF_SUM')).toEqual({
      'R3|SHORT': 3,
      'R3|MEETS': 1,
      'R4|MEETS': 1,
      'NONE|NOT_APPLICABLE': 0,
    });
    expect(measured(t, 'FULL_TIME_STAFF_SUM')).toEqual({
      'R3|SHORT': 1,
      'R3|MEETS': 1,
      'R4|MEETS': 3,
      'NONE|NOT_APPLICABLE': 0,
    });
    expect(measured(t, 'FULL_TIME_VICE_CHAIRS_SUM')).toEqual({
      'R3|SHORT': 0,
      'R3|MEETS': 1,
      'R4|MEETS': 0,
      'NONE|NOT_APPLICABLE': 0,
    });
    // A union subject carries its own measures only.
    expect(t.measures.map((m) => m.measure)).toEqual([
      'REQUIRED_STAFF_SUM',
      'FULL_TIME_STAFF_SUM',
      'FULL_TIME_VICE_CHAIRS_SUM',
    ]);
    const labels = t.rows.find((r) => key(r) === 'R3|SHORT')!.values.map((v) => v.label);
    expect(labels).toEqual(['应配专职副主席（R3）', '专职配备不足']);
  });

  it('answers staffingByRegion: unions, short ones and the cadre sums per province', async () => {
    const old = await report<{
      staffingByRegion: {
        divisionCode: string;
        federations: number;
        short: number;
        fullTimeViceChairs: number;
        fullTimeStaff: number;
      }[];
    }>(
      `{ staffingByRegion(organizationId: "n", level: PROVINCE) { divisionCode federations short fullTimeViceChairs fullTimeStaff } }`,
    );
    const t = await unions(national, ['PROVINCE', 'STAFFING_STATE'], R3_R4);
    const sum = (province: string, measure?: string) =>
      t.rows
        .filter((r) => r.values[0]!.code === province)
        .reduce(
          (n, r) => n + (measure ? r.measures.find((m) => m.measure === measure)!.value! : r.count!),
          0,
        );
    const answered = old.staffingByRegion.map((r) => ({
      divisionCode: r.divisionCode,
      federations: sum(r.divisionCode),
      short: counted(t)[`${r.divisionCode}|SHORT`] ?? 0,
      fullTimeViceChairs: sum(r.divisionCode, 'FULL_TIME_VICE_CHAIRS_SUM'),
      fullTimeStaff: sum(r.divisionCode, 'FULL_TIME_STAFF_SUM'),
    }));
    expect(answered).toEqual(old.staffingByRegion);
    expect(old.staffingByRegion).toHaveLength(2);
    // R3 alone, as the report's `rule`.
    expect((await unions(national, ['STAFFING_STATE'], { staffingRules: ['R3'] })).total).toBe(4);
  });

  it('follows a new cadre once its event is applied', async () => {
    await appoint('bstvice', 'bst', 'VICE_CHAIR', '2025-06-30', true);
    await sg.server.caughtUp();
    const t = await unions(national, ['COUNTY', 'STAFFING_STATE'], R3_R4);
    expect(counted(t)['110101|MEETS']).toBe(1);
    expect(counted(t)['110101|SHORT']).toBeUndefined();
    await ok(END_TERM, { cadreId: ids.bstvice, endedOn: '2025-07-01', reason: '录入有误' });
    await sg.server.caughtUp();
    expect(counted(await unions(national, ['COUNTY', 'STAFFING_STATE'], R3_R4))['110101|SHORT']).toBe(1);
  });
});

describe('cadreBreakdown(subject: UNIONS): R6 chair training and R17 vacancies today', () => {
  it('gives each grassroots chair in office its R6 state at the boundaries, as chairTrainingByRegion', async () => {
    const t = await unions(national, ['CHAIR_TRAINING']);
    expect(counted(t)).toEqual({
      TRAINED: 1,
      TRAINED_LATE: 1,
      PENDING: 2,
      OVERDUE: 1,
      NO_CHAIR: 2,
      NOT_REQUIRED: 9,
    });
    const old = await report<{ chairTrainingByRegion: Record<string, unknown>[] }>(
      `{ chairTrainingByRegion(organizationId: "n", level: PROVINCE) { divisionCode chairs trained trainedLate pending overdue } }`,
    );
    const byProvince = counted(await unions(national, ['PROVINCE', 'CHAIR_TRAINING']));
    expect(
      old.chairTrainingByRegion.map((r) => {
        const of = (code: string) => byProvince[`${r.divisionCode}|${code}`] ?? 0;
        return {
          divisionCode: r.divisionCode,
          chairs: of('TRAINED') + of('TRAINED_LATE') + of('PENDING') + of('OVERDUE'),
          trained: of('TRAINED'),
          trainedLate: of('TRAINED_LATE'),
          pending: of('PENDING'),
          overdue: of('OVERDUE'),
        };
      }),
    ).toEqual(old.chairTrainingByRegion);
  });

  it('gives each union its R17 state: vacant for exactly three months is in time, a day more overdue', async () => {
    const t = await unions(national, ['CHAIR_VACANCY']);
    expect(counted(t)).toEqual({ SEATED: 6, VACANT: 1, VACANT_OVERDUE: 1, NEVER_SEATED: 8 });
    const old = await report<{ chairVacancies: { organization: { id: string }; overdue: boolean }[] }>(
      `{ chairVacancies(organizationId: "n") { organization { id } overdue } }`,
    );
    expect(old.chairVacancies.map((v) => [v.organization.id, v.overdue])).toEqual([
      ['g6', true],
      ['g5', false],
    ]);
    expect(counted(await unions(national, ['PROVINCE', 'CHAIR_VACANCY']))).toMatchObject({
      '440000|VACANT': 1,
      '110000|VACANT_OVERDUE': 1,
    });
  });
});

describe('cadreBreakdown(subject: UNIONS): scope, refusals and k', () => {
  it("counts the caller's subtree and refuses a union outside it and another subject's dimension or filter", async () => {
    expect(counted(await unions(testCallers.orgAdmin('th'), ['STAFFING_STATE']))).toEqual({
      NOT_APPLICABLE: 5,
      MEETS: 2,
      SHORT: 1,
    });
    const outside = await breakdown(testCallers.orgAdmin('bj'), ['STAFFING_STATE'], { organizationId: 'gd' });
    expect(codeOf(outside.errors)).toBe('FORBIDDEN');
    const member = await breakdown(testCallers.member('m-g1chair', 'g1'), ['STAFFING_STATE']);
    expect(codeOf(member.errors)).toBe('FORBIDDEN');
    const position = await breakdown(national, ['POSITION']);
    expect([codeOf(position.errors), fieldOf(position.errors)]).toEqual(['BAD_USER_INPUT', 'groupBy']);
    const staffing = await breakdown(national, ['STAFFING_STATE'], undefined, 'CADRES');
    expect([codeOf(staffing.errors), fieldOf(staffing.errors)]).toEqual(['BAD_USER_INPUT', 'groupBy']);
    const rules = await breakdown(national, ['POSITION'], R3_R4, 'CADRES');
    expect([codeOf(rules.errors), fieldOf(rules.errors)]).toEqual(['BAD_USER_INPUT', 'filter.staffingRules']);
    const positions = await breakdown(national, ['STAFFING_STATE'], { positions: ['CHAIR'] });
    expect([codeOf(positions.errors), fieldOf(positions.errors)]).toEqual([
      'BAD_USER_INPUT',
      'filter.positions',
    ]);
  });

  it('shows an analyst union counts whole, and staff sums of k cadres but not of k − 1', async () => {
    const byState = await unions(analyst, ['STAFFING_STATE'], R3_R4);
    // Unions are registry facts: 1 union is shown.
    expect(counted(byState)).toEqual({ SHORT: 3, MEETS: 2 });
    expect(byState.suppressedCells).toBe(0);
    // MEETS sums 4 full-time cadres (k − 1): withheld, and SHORT's 1 beside it; the total 5 (k) stands.
    expect(measured(byState, 'FULL_TIME_STAFF_SUM')).toEqual({ SHORT: null, MEETS: null });
    expect(byState.measures.find((m) => m.measure === 'FULL_TIME_STAFF_SUM')).toMatchObject({ value: 5 });
    // One vice-chair in all: withheld with the whole table's.
    expect(byState.measures.find((m) => m.measure === 'FULL_TIME_VICE_CHAIRS_SUM')).toMatchObject({
      value: null,
      suppressed: true,
    });
    // What the rules require is about nobody.
    expect(measured(byState, 'REQUIRED_STAFF_SUM')).toEqual({ SHORT: 3, MEETS: 2 });
    const province = await unions(analyst, ['PROVINCE'], R3_R4);
    expect(measured(province, 'FULL_TIME_STAFF_SUM')).toEqual({ '440000': 5, '110000': 0 });
    // An administrator reads them all.
    expect(measured(await unions(national, ['STAFFING_STATE'], R3_R4), 'FULL_TIME_STAFF_SUM')).toEqual({
      SHORT: 1,
      MEETS: 4,
    });
  });

  it("holds an analyst's chair-training cells to k: a union grouped so is its chair", async () => {
    const t = await unions(analyst, ['CHAIR_TRAINING']);
    expect(counted(t)).toEqual({
      NOT_REQUIRED: 9,
      TRAINED: null,
      TRAINED_LATE: null,
      PENDING: null,
      OVERDUE: null,
      NO_CHAIR: null,
    });
    expect(t.total).toBe(16);
    // Vacancies are about unions: shown whole.
    expect((await unions(analyst, ['CHAIR_VACANCY'])).suppressedCells).toBe(0);
  });
});

describe('the old reports an analyst still reads, held to k', () => {
  const LIST = `query($root: ID!, $status: TrainingStatus) {
    chairTraining(organizationId: $root, status: $status, first: 10) { totalCount nodes { status } }
  }`;
  const list = async (caller: Caller, root: string, status?: string) => {
    const res = await sg.request<{ chairTraining: { totalCount: number | null; nodes: unknown[] } }>(LIST, {
      caller,
      variables: { root, status },
    });
    expect(res.errors).toBeUndefined();
    return res.data!.chairTraining;
  };

  it('chairTraining: 5 chairs are shown, 4 are not; a status filter within k of the whole list is withheld', async () => {
    expect(await list(analyst, 'n')).toMatchObject({ totalCount: 5 });
    expect((await list(analyst, 'n')).nodes).toHaveLength(5);
    expect(await list(analyst, 'gd')).toEqual({ totalCount: null, nodes: [] });
    expect(await list(analyst, 'n', 'PENDING')).toEqual({ totalCount: null, nodes: [] });
    expect((await list(national, 'gd')).totalCount).toBe(4);
  });

  it('chairTrainingByRegion and staffingByRegion withhold the counts of cadres under k', async () => {
    const TRAINING = `{ chairTrainingByRegion(organizationId: "n", level: PROVINCE) { divisionCode chairs pending overdue overdueRate } }`;
    expect(
      (await report<{ chairTrainingByRegion: unknown[] }>(TRAINING, analyst)).chairTrainingByRegion,
    ).toEqual([
      { divisionCode: '110000', chairs: null, pending: 0, overdue: 0, overdueRate: null },
      { divisionCode: '440000', chairs: null, pending: null, overdue: null, overdueRate: null },
    ]);
    expect((await report<{ chairTrainingByRegion: unknown[] }>(TRAINING)).chairTrainingByRegion).toEqual([
      { divisionCode: '110000', chairs: 1, pending: 0, overdue: 0, overdueRate: 0 },
      { divisionCode: '440000', chairs: 4, pending: 2, overdue: 1, overdueRate: 0.25 },
    ]);
    const STAFFING = `{ staffingByRegion(organizationId: "n", level: PROVINCE) { divisionCode federations short fullTimeViceChairs fullTimeStaff } }`;
    // 5 full-time cadres in Guangdong stand (k), its one vice-chair does not; unions stand.
    expect((await report<{ staffingByRegion: unknown[] }>(STAFFING, analyst)).staffingByRegion).toEqual([
      { divisionCode: '110000', federations: 1, short: 1, fullTimeViceChairs: 0, fullTimeStaff: 0 },
      { divisionCode: '440000', federations: 4, short: 2, fullTimeViceChairs: null, fullTimeStaff: 5 },
    ]);
  });
});
