import type { Caller } from '@union-graph/subgraph-kit';
import type { TestSubgraph } from '@union-graph/subgraph-kit/testing';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import type { Models } from '../models';
import { APPOINT, codeOf, day, fieldOf, national, startCadres } from './fixtures';

let sg: TestSubgraph<Models>;
const chairs: Record<string, string> = {};

async function appoint(organizationId: string, memberId: string, termStart: string, position = 'CHAIR') {
  const res = await sg.request<{ appointCadre: { id: string } }>(APPOINT, {
    caller: national,
    variables: { input: { organizationId, memberId, position, termStart } },
  });
  expect(res.errors).toBeUndefined();
  return res.data!.appointCadre.id;
}

async function train(cadreId: string, completedOn: string) {
  return sg.request(
    'mutation($input: RecordTrainingInput!) { recordTraining(input: $input) { id completedOn } }',
    {
      caller: national,
      variables: { input: { cadreId, course: '基层工会主席任职培训', hours: 24, completedOn } },
    },
  );
}

const ASOF = '2025-06-30';

beforeAll(async () => {
  sg = await startCadres();
  // Relative to ASOF: g1 took office 366 days before, g2 365 days before, g3 was trained on day 365
  // of office, g4 on day 366.
  chairs.g1 = await appoint('g1', 'm1', '2024-06-29');
  chairs.g2 = await appoint('g2', 'm2', '2024-06-30');
  chairs.g3 = await appoint('g3', 'm3', '2023-01-01');
  chairs.g4 = await appoint('g4', 'm4', '2023-01-01');
  for (const [id, on] of [
    [chairs.g3, '2024-01-01'],
    [chairs.g4, '2024-01-02'],
  ] as const) {
    expect((await train(id!, on)).errors).toBeUndefined();
  }
});
afterAll(() => sg?.stop());

type Row = {
  chair: { id: string };
  status: string;
  deadline: string;
  daysOverdue: number;
  trainedOn: string | null;
};
const TRAINING = `query($root: ID!, $asOf: Date, $status: TrainingStatus) {
  chairTraining(organizationId: $root, asOf: $asOf, status: $status, first: 100) {
    totalCount nodes { chair { id } status deadline daysOverdue trainedOn }
  }
}`;

describe('R6 chair training', () => {
  it('counts day 365 of office as in time and day 366 as overdue, for training and for waiting', async () => {
    const res = await sg.request<{ chairTraining: { nodes: Row[] } }>(TRAINING, {
      caller: national,
      variables: { root: 'n', asOf: ASOF },
    });
    expect(res.errors).toBeUndefined();
    const byChair = new Map(res.data!.chairTraining.nodes.map((r) => [r.chair.id, r]));
    expect(byChair.get(chairs.g1!)).toMatchObject({
      status: 'OVERDUE',
      deadline: '2025-06-29',
      daysOverdue: 1,
    });
    expect(byChair.get(chairs.g2!)).toMatchObject({
      status: 'PENDING',
      deadline: '2025-06-30',
      daysOverdue: 0,
    });
    expect(byChair.get(chairs.g3!)).toMatchObject({ status: 'TRAINED', trainedOn: '2024-01-01' });
    expect(byChair.get(chairs.g4!)).toMatchObject({ status: 'TRAINED_LATE', trainedOn: '2024-01-02' });
  });

  it('lists the overdue chairs of an upper union subtree only', async () => {
    const tianhe = await sg.request<{ chairTraining: { totalCount: number; nodes: Row[] } }>(TRAINING, {
      caller: testCallers.orgAdmin('th'),
      variables: { root: 'th', asOf: ASOF, status: 'OVERDUE' },
    });
    expect(tianhe.data?.chairTraining.nodes.map((r) => r.chair.id)).toEqual([chairs.g1]);
    const outside = await sg.request(TRAINING, {
      caller: testCallers.orgAdmin('bj'),
      variables: { root: 'th', asOf: ASOF },
    });
    expect(codeOf(outside.errors)).toBe('FORBIDDEN');
  });

  it('reports rates by region with the division names', async () => {
    const REGIONS = `query($root: ID!, $level: RegionLevel) {
      chairTrainingByRegion(organizationId: $root, asOf: "${ASOF}", level: $level) {
        divisionCode name chairs trained trainedLate pending overdue overdueRate
      }
    }`;
    const provinces = await sg.request<{ chairTrainingByRegion: unknown[] }>(REGIONS, {
      caller: national,
      variables: { root: 'n', level: 'PROVINCE' },
    });
    expect(provinces.data?.chairTrainingByRegion).toEqual([
      {
        divisionCode: '110000',
        name: '北京市',
        chairs: 1,
        trained: 0,
        trainedLate: 1,
        pending: 0,
        overdue: 0,
        overdueRate: 0,
      },
      {
        divisionCode: '440000',
        name: '广东省',
        chairs: 3,
        trained: 1,
        trainedLate: 0,
        pending: 1,
        overdue: 1,
        overdueRate: 1 / 3,
      },
    ]);
    const cities = await sg.request<{
      chairTrainingByRegion: { divisionCode: string; name: string; chairs: number }[];
    }>(REGIONS, { caller: testCallers.orgAdmin('gd'), variables: { root: 'gd', level: 'CITY' } });
    expect(cities.data?.chairTrainingByRegion.map((r) => [r.divisionCode, r.name, r.chairs])).toEqual([
      ['440100', '广州市', 2],
      ['440300', '深圳市', 1],
    ]);
  });

  it('drops cached copies of the member, every position of theirs and its union when training is recorded', async () => {
    const vice = await appoint('g2', 'm3', '2024-01-01', 'VICE_CHAIR');
    const res = await train(chairs.g3!, '2025-01-02');
    expect(res.errors).toBeUndefined();
    const id = (res.data as { recordTraining: { id: string } }).recordTraining.id;
    const event = (await publishedEvents(sg.server)).find((e) => e.id === id);
    expect(event?.affects).toEqual(
      expect.arrayContaining([
        { type: 'Member', id: 'm3' },
        { type: 'Cadre', id: chairs.g3 },
        { type: 'Organization', id: 'g3' },
        { type: 'Cadre', id: vice },
        { type: 'Organization', id: 'g2' },
      ]),
    );
    expect(event?.affects).toHaveLength(5);
  });

  it('refuses training in the future', async () => {
    const res = await train(chairs.g1!, day(1));
    expect(fieldOf(res.errors)).toBe('completedOn');
  });
});

const FILE = `mutation($input: FileContractChangeInput!) {
  fileContractChange(input: $input) { id late filedOn effectiveOn filedWith { id } chair { id } }
}`;
const FILINGS = `query($root: ID!, $late: Boolean) {
  contractFilings(organizationId: $root, filter: { late: $late }) { totalCount nodes { id late organization { id } } }
}`;

describe('R7 contract-change filings', () => {
  it('accepts a filing the day before the effective date and files it with the upper union', async () => {
    const res = await sg.request<{
      fileContractChange: { late: boolean; filedOn: string; filedWith: { id: string } };
    }>(FILE, {
      caller: testCallers.orgAdmin('g1'),
      variables: { input: { cadreId: chairs.g1, kind: 'CHANGE', effectiveOn: day(1) } },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data?.fileContractChange).toMatchObject({
      late: false,
      filedOn: day(0),
      filedWith: { id: 'th' },
    });
  });

  it('refuses a filing on the effective date without a reason, and writes nothing', async () => {
    const before = await sg.server.models.ContractFiling.countDocuments();
    const res = await sg.request(FILE, {
      caller: testCallers.orgAdmin('g1'),
      variables: { input: { cadreId: chairs.g1, kind: 'RESCISSION', effectiveOn: day(0) } },
    });
    expect(codeOf(res.errors)).toBe('BAD_USER_INPUT');
    expect(fieldOf(res.errors)).toBe('effectiveOn');
    expect(res.errors?.[0]).toMatchObject({
      message: '劳动合同变更须在生效日之前向上级工会备案；如需登记逾期备案，请填写 lateReason 说明原因',
      extensions: { messageKey: 'cadres.filingLate', filedOn: day(0) },
    });
    expect(await sg.server.models.ContractFiling.countDocuments()).toBe(before);
  });

  it('records a late filing with its reason, flagged as a violation', async () => {
    const res = await sg.request<{ fileContractChange: { late: boolean } }>(FILE, {
      caller: testCallers.orgAdmin('th'),
      variables: {
        input: { cadreId: chairs.g2, kind: 'TERMINATION', effectiveOn: day(-3), lateReason: '企业未告知' },
      },
    });
    expect(res.data?.fileContractChange.late).toBe(true);
  });

  it('refuses filings for cadres other than chairs', async () => {
    const vice = await appoint('g1', 'm-vice', day(-10), 'VICE_CHAIR');
    const res = await sg.request(FILE, {
      caller: national,
      variables: { input: { cadreId: vice, kind: 'CHANGE', effectiveOn: day(5) } },
    });
    expect(fieldOf(res.errors)).toBe('cadreId');
  });

  it('shows the upper union its subtree filings, and no one else', async () => {
    const th = await sg.request<{ contractFilings: { totalCount: number } }>(FILINGS, {
      caller: testCallers.orgAdmin('th'),
      variables: { root: 'th' },
    });
    expect(th.data?.contractFilings.totalCount).toBe(2);
    const late = await sg.request<{ contractFilings: { nodes: { organization: { id: string } }[] } }>(
      FILINGS,
      {
        caller: testCallers.orgAdmin('gd'),
        variables: { root: 'gd', late: true },
      },
    );
    expect(late.data?.contractFilings.nodes.map((n) => n.organization.id)).toEqual(['g2']);
    const g1 = await sg.request<{ contractFilings: { totalCount: number } }>(FILINGS, {
      caller: testCallers.orgAdmin('g1'),
      variables: { root: 'g1' },
    });
    expect(g1.data?.contractFilings.totalCount).toBe(1);
    const bj = await sg.request(FILINGS, { caller: testCallers.orgAdmin('bj'), variables: { root: 'th' } });
    expect(codeOf(bj.errors)).toBe('FORBIDDEN');
  });

  it('narrows filings to filing days, both ends included, and refuses an inverted range', async () => {
    const RANGE = `query($from: Date, $to: Date) {
      contractFilings(organizationId: "th", filter: { from: $from, to: $to }) { totalCount }
    }`;
    const th = testCallers.orgAdmin('th');
    const range = (from: string, to: string, caller = th) =>
      sg.request<{ contractFilings: { totalCount: number } }>(RANGE, { caller, variables: { from, to } });
    expect((await range(day(0), day(0))).data?.contractFilings.totalCount).toBe(2);
    expect((await range(day(-1), day(-1))).data?.contractFilings.totalCount).toBe(0);
    const zh = await range(day(0), day(-1));
    const en = await range(day(0), day(-1), { ...th, language: 'en' });
    expect([zh.errors?.[0]?.message, en.errors?.[0]?.message]).toEqual([
      'filter.to：不能早于 filter.from',
      'filter.to: must not be before filter.from',
    ]);
    for (const res of [zh, en]) {
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'filter.to',
        messageKey: 'cadres.filingRange',
      });
    }
  });

  it('withholds from an analyst a list of filings under k, its count and its page (issue #19)', async () => {
    type Page = { contractFilings: { totalCount: number | null; nodes: unknown[] } };
    const read = async (caller: Caller) =>
      (await sg.request<Page>(FILINGS, { caller, variables: { root: 'th' } })).data?.contractFilings;
    const model = sg.server.models.ContractFiling;
    // Copies of a filing in th's subtree bring it to k − 1, then k filings (chairs' contracts: persons).
    const filing = (await model.findOne({ organizationId: 'g1' }).lean())!;
    for (const n of [1, 2]) await model.create({ ...filing, _id: `${filing._id}-copy${n}` });
    expect(await read(testCallers.analyst())).toEqual({ totalCount: null, nodes: [] });
    expect((await read(testCallers.orgAdmin('th')))?.totalCount).toBe(4);
    await model.create({ ...filing, _id: `${filing._id}-copy3` });
    const shown = await read(testCallers.analyst());
    expect([shown?.totalCount, shown?.nodes.length]).toEqual([5, 5]);
  });
});
