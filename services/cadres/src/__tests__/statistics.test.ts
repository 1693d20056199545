import { division } from '@union-graph/domain';
import { type Caller, setClock, today } from '@union-graph/subgraph-kit';
import type { TestSubgraph } from '@union-graph/subgraph-kit/testing';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { chairTrainingRow } from '../domain/training';
import type { CadreDoc, ContractFilingDoc, Models, TrainingDoc } from '../models';
import { GRASSROOTS_TYPES } from '../rules';
import { CADRE_DIMENSIONS, type CadreDimension } from '../statistics';
import {
  APPOINT,
  appointAs,
  asNational,
  codeOf,
  END_TERM,
  fieldOf,
  national,
  ORGS,
  startCadres,
  type BreakdownTable as Table,
} from './fixtures';

/** The dimensions of serving cadres, the default subject. */
type CountedDimension = (typeof CADRE_DIMENSIONS)[number];

let sg: TestSubgraph<Models>;
const ids: Record<string, string> = {};

// Today in China is 2025-06-30 throughout: R6 deadlines fall either side of it.
beforeAll(async () => {
  setClock('2025-06-30T04:00:00Z');
  sg = await startCadres();
  const appoint = async (key: string, ...args: [string, string, string, boolean?]) => {
    ids[key] = await appointAs(sg, key, ...args);
  };
  const ok = (query: string, input: Record<string, unknown>) => asNational(sg, query, input);
  // g1's chair took office 366 days ago and was trained only before that (OVERDUE); g2's 365 days
  // ago (PENDING, its deadline is today); g3's was trained on day 365 (TRAINED), g4's on day 366
  // (TRAINED_LATE). Tianhe is a federation: R6 binds no chair of it.
  await appoint('g1chair', 'g1', 'CHAIR', '2024-06-29');
  await appoint('g1vice', 'g1', 'VICE_CHAIR', '2024-06-29', true);
  await appoint('g2chair', 'g2', 'CHAIR', '2024-06-30');
  await appoint('g3chair', 'g3', 'CHAIR', '2023-01-01');
  await appoint('g4chair', 'g4', 'CHAIR', '2023-01-01');
  await appoint('thchair', 'th', 'CHAIR', '2022-03-01', true);
  await appoint('thmember', 'th', 'COMMITTEE_MEMBER', '2022-03-01');
  await appoint('ended', 'g1', 'ORGANIZER', '2020-01-01');
  const train = `mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id } }`;
  const course = { course: '基层工会主席任职培训', hours: 24 };
  await ok(train, { cadreId: ids.g1chair, completedOn: '2024-01-01', ...course });
  await ok(train, { cadreId: ids.g3chair, completedOn: '2024-01-01', ...course });
  await ok(train, { cadreId: ids.g4chair, completedOn: '2024-01-02', ...course });
  const file = `mutation($input: FileContractChangeInput!) { fileContractChange(input: $input) { id late } }`;
  await ok(file, { cadreId: ids.g2chair, kind: 'CHANGE', effectiveOn: '2025-08-01' });
  await ok(file, { cadreId: ids.g3chair, kind: 'CHANGE', effectiveOn: '2025-08-01' });
  await ok(file, { cadreId: ids.g3chair, kind: 'RESCISSION', effectiveOn: '2025-06-01', lateReason: '补报' });
  await ok(END_TERM, { cadreId: ids.ended, endedOn: '2025-01-31', reason: '调离' });
  await sg.server.caughtUp();
});
afterAll(async () => {
  setClock(null);
  await sg?.stop();
});

/** Every dimension's code for a stored cadre, computed here without the read model. */
function codesOf(
  c: CadreDoc,
  trainings: TrainingDoc[],
  filings: ContractFilingDoc[],
): Record<CountedDimension, string> {
  const org = Object.values(ORGS).find((o) => o._id === c.organizationId)!;
  const d = division(org.divisionCode)!;
  const own = filings.filter((f) => f.cadreId === c._id);
  const bound = c.position === 'CHAIR' && GRASSROOTS_TYPES.includes(org.type);
  return {
    PROVINCE: d.provinceCode,
    CITY: d.cityCode ?? 'unknown',
    COUNTY: d.level === 'COUNTY' ? d.code : 'unknown',
    ORGANIZATION_TYPE: org.type,
    POSITION: c.position,
    SOURCE: c.source,
    EMPLOYMENT: c.fullTime ? 'FULL_TIME' : 'PART_TIME',
    TRAINING: bound
      ? chairTrainingRow(
          c,
          trainings.filter((t) => t.memberId === c.memberId),
          today(),
        ).status
      : 'NOT_REQUIRED',
    CONTRACT_FILING: own.length === 0 ? 'NONE' : own.some((f) => f.late) ? 'LATE' : 'ON_TIME',
  };
}

const BREAKDOWN = `query($groupBy: [CadreDimension!]!, $filter: CadreBreakdownFilter, $top: Int) {
  cadreBreakdown(groupBy: $groupBy, filter: $filter, top: $top) {
    rows { values { code label } count suppressed measures { measure value rate { numerator denominator } suppressed } }
    total measures { measure value rate { numerator denominator } suppressed } suppressedCells minimumCount asOf
  }
}`;
async function breakdown(
  caller: Caller,
  groupBy: CadreDimension[],
  filter?: Record<string, unknown>,
  top?: number,
) {
  return sg.request<{ cadreBreakdown: Table }>(BREAKDOWN, { caller, variables: { groupBy, filter, top } });
}
async function table(
  caller: Caller,
  groupBy: CadreDimension[],
  filter?: Record<string, unknown>,
): Promise<Table> {
  const res = await breakdown(caller, groupBy, filter);
  if (!res.data?.cadreBreakdown) throw new Error(JSON.stringify(res.errors));
  return res.data.cadreBreakdown;
}
const counted = (t: Table) =>
  Object.fromEntries(t.rows.map((r) => [r.values.map((v) => v.code).join('|'), r.count]));

describe('cadreBreakdown', () => {
  let serving: CadreDoc[] = [];
  let codes: Record<CountedDimension, string>[] = [];
  beforeAll(async () => {
    const [cadres, trainings, filings] = await Promise.all([
      sg.server.models.Cadre.find().lean<CadreDoc[]>(),
      sg.server.models.Training.find().lean<TrainingDoc[]>(),
      sg.server.models.ContractFiling.find().lean<ContractFilingDoc[]>(),
    ]);
    serving = cadres.filter((c) => c.status === 'SERVING');
    codes = serving.map((c) => codesOf(c, trainings, filings));
  });
  const tally = (dims: CountedDimension[]) => {
    const out: Record<string, number> = {};
    for (const c of codes) {
      const key = dims.map((d) => c[d]).join('|');
      out[key] = (out[key] ?? 0) + 1;
    }
    return out;
  };

  it('counts serving cadres only, by every dimension as the stored records and R6 give them', async () => {
    expect(serving).toHaveLength(7);
    for (const d of CADRE_DIMENSIONS) {
      const t = await table(national, [d]);
      expect([d, counted(t)]).toEqual([d, tally([d])]);
      expect(t).toMatchObject({ total: 7, suppressedCells: 0, minimumCount: null });
    }
    // The R6 and R7 boundaries: trained on day 365 in time, day 366 late; untrained on the deadline
    // pending, a day past it overdue; training before taking office does not count.
    expect(counted(await table(national, ['TRAINING']))).toEqual({
      TRAINED: 1,
      TRAINED_LATE: 1,
      PENDING: 1,
      OVERDUE: 1,
      NOT_REQUIRED: 3,
    });
    expect(counted(await table(national, ['CONTRACT_FILING']))).toEqual({ NONE: 5, ON_TIME: 1, LATE: 1 });
  });

  it('crosses dimensions and labels codes in the caller’s language', async () => {
    const t = await table(national, ['COUNTY', 'POSITION', 'EMPLOYMENT']);
    expect(counted(t)).toEqual(tally(['COUNTY', 'POSITION', 'EMPLOYMENT']));
    const chairs = t.rows.find((r) => r.values.map((v) => v.code).join('|') === '440106|CHAIR|PART_TIME')!;
    expect(chairs.values.map((v) => v.label)).toEqual(['天河区', '主席', '兼职']);
    const res = await sg.request<{ cadreBreakdown: Table }>(BREAKDOWN, {
      caller: { ...national, language: 'en' },
      variables: { groupBy: ['TRAINING'] },
    });
    const labels = res.data!.cadreBreakdown.rows.map((r) => r.values[0]!.label);
    expect(labels).toContain('Not trained and past the 365 days');
  });

  it('gives the rate of chairs trained in time among those R6 has an outcome for', async () => {
    const t = await table(national, ['PROVINCE']);
    expect(t.measures).toEqual([
      { measure: 'TRAINED_RATE', value: 1 / 3, rate: { numerator: 1, denominator: 3 }, suppressed: false },
    ]);
    const gd = t.rows.find((r) => r.values[0]!.code === '440000')!;
    // g1 overdue and g3 trained in time; g2 is still pending, so not in the denominator.
    expect(gd.measures[0]).toMatchObject({ value: 0.5, rate: { numerator: 1, denominator: 2 } });
  });

  it('filters by province, position and employment', async () => {
    expect((await table(national, ['POSITION'], { provinceCodes: ['110000'] })).total).toBe(1);
    expect(counted(await table(national, ['ORGANIZATION_TYPE'], { positions: ['CHAIR'] }))).toEqual({
      GRASSROOTS: 4,
      LOCAL_FEDERATION: 1,
    });
    expect((await table(national, ['POSITION'], { fullTime: true })).total).toBe(2);
  });

  it("counts the caller's subtree, and refuses a union outside it and other roles", async () => {
    expect((await table(testCallers.orgAdmin('th'), ['POSITION'])).total).toBe(5);
    expect((await table(testCallers.orgAdmin('g4'), ['POSITION'])).total).toBe(1);
    expect((await table(national, ['POSITION'], { organizationId: 'g1' })).total).toBe(2);
    const outside = await breakdown(testCallers.orgAdmin('bj'), ['POSITION'], { organizationId: 'gd' });
    expect(codeOf(outside.errors)).toBe('FORBIDDEN');
    const member = await breakdown(testCallers.member('m-g1chair', 'g1'), ['POSITION']);
    expect(codeOf(member.errors)).toBe('FORBIDDEN');
    for (const groupBy of [
      [],
      ['POSITION', 'POSITION'],
      ['PROVINCE', 'CITY', 'COUNTY', 'POSITION'],
    ] as CadreDimension[][]) {
      const bad = await breakdown(national, groupBy);
      expect([codeOf(bad.errors), fieldOf(bad.errors)]).toEqual(['BAD_USER_INPUT', 'groupBy']);
    }
    const top = await breakdown(national, ['POSITION'], undefined, 0);
    expect([codeOf(top.errors), fieldOf(top.errors)]).toEqual(['BAD_USER_INPUT', 'top']);
  });

  it('withholds from an analyst every cell under k persons, and the cell that would give it away', async () => {
    // Province: Guangdong 6, Beijing 1 — Beijing is under 5, and Guangdong is the total minus it.
    const t = await table(testCallers.analyst(), ['PROVINCE']);
    expect(t).toMatchObject({ total: 7, suppressedCells: 2, minimumCount: 5 });
    expect(t.rows.every((r) => r.suppressed && r.count === null)).toBe(true);
    // The trained rate over 3 chairs describes fewer than 5 persons.
    expect(t.measures[0]).toMatchObject({ value: null, suppressed: true });
    // 5 in Tianhe's subtree: its total is shown, its cells under 5 are not.
    const th = await table({ ...testCallers.analyst(), orgId: 'th' }, ['POSITION']);
    expect(th).toMatchObject({ total: 5, minimumCount: 5 });
    expect(th.rows.filter((r) => !r.suppressed)).toEqual([]);
  });

  it('shows a new cadre once its event is applied, and says how fresh it is', async () => {
    const before = await table(national, ['POSITION']);
    const res = await sg.request(APPOINT, {
      caller: national,
      variables: {
        input: { organizationId: 'g2', memberId: 'm-new', position: 'ORGANIZER', termStart: '2025-06-01' },
      },
    });
    expect(res.errors).toBeUndefined();
    await sg.server.caughtUp();
    const after = await table(national, ['POSITION']);
    expect(after.total).toBe(before.total! + 1);
    expect(counted(after).ORGANIZER).toBe(1);
    expect(new Date(after.asOf).getTime()).toBeGreaterThanOrEqual(new Date(before.asOf).getTime());
  });
});
