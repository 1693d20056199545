import { countCommands } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { type Data, failure, ids, useHarness } from './fixtures';

const h = useHarness();

const national = testCallers.national();
const analyst = testCallers.analyst();
const adminA = testCallers.orgAdmin(ids.unionA);
const townshipAdmin = testCallers.orgAdmin(ids.township);
const countyAdmin = testCallers.orgAdmin(ids.county);
const cityAdmin = testCallers.orgAdmin(ids.city);

const CREATE = `mutation($input: AssistanceCenterInput!) { createAssistanceCenter(input: $input) { id name phone organization { id } } }`;
const ROUTE = `mutation($id: ID!, $centerId: ID!) { routeAssistanceCase(id: $id, centerId: $centerId) { id center { id name } } }`;
const CASELOAD = 'caseload { open closed rejected byLevel { level open closed } }';

function centerInput(organizationId: string, name: string, phone = '0371-67891234') {
  return {
    organizationId,
    name,
    address: '郑州市中原区建设西路 100 号',
    phone,
    openingHours: '周一至周五 8:30-17:30',
  };
}

async function createCenter(organizationId: string, name: string): Promise<string> {
  const data = await h.ok(national, CREATE, { input: centerInput(organizationId, name) });
  return data.createAssistanceCenter.id;
}

async function openCase(memberId: string, level: string, centerId?: string, caller = national) {
  return h.gql(
    caller,
    `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id status center { id } } }`,
    {
      input: {
        organizationId: ids.unionA,
        memberId,
        level,
        causes: ['ILLNESS'],
        household: { size: 3, monthlyIncomePerHead: 80_000 },
        ...(centerId ? { centerId } : {}),
      },
    },
  );
}

const step = (name: string, extra = '') => `mutation($id: ID!) { ${name}(id: $id${extra}) { id status } }`;

const centers: Record<string, string> = {};

beforeAll(async () => {
  centers.county = await createCenter(ids.county, '中原区职工帮扶服务中心');
  centers.city = await createCenter(ids.city, '郑州市职工帮扶服务中心');
  centers.township = await createCenter(ids.township, '林山寨街道职工帮扶服务站');
  centers.other = await createCenter(ids.otherProvince, '广东省职工服务中心');
});

describe('§13 assistance service centers', () => {
  it('refuses in Chinese by default and in English for a caller who asks, with the same code and key', async () => {
    const input = centerInput(ids.unionA, '甲公司帮扶站');
    const [zh, en] = await Promise.all([
      h.gql(national, CREATE, { input }),
      h.gql({ ...national, language: 'en' }, CREATE, { input }),
    ]);
    const extensions = {
      code: 'BAD_USER_INPUT',
      field: 'organizationId',
      type: 'GRASSROOTS',
      messageKey: 'worker-services.centerUnionType',
      messageParams: { type: 'GRASSROOTS' },
    };
    expect(zh.errors).toEqual([
      expect.objectContaining({
        message:
          'organizationId：帮扶中心由县级以上总工会或乡镇（街道）、开发区总工会设立，GRASSROOTS 类工会不能设立',
        extensions,
      }),
    ]);
    expect(en.errors).toEqual([
      expect.objectContaining({
        message: 'organizationId: assistance centers are run by federations, not by a GRASSROOTS union',
        extensions,
      }),
    ]);
  });

  it('are run by federations: a county or township federation may, a grassroots union may not', async () => {
    const grassroots = await h.gql(national, CREATE, { input: centerInput(ids.unionA, '甲公司帮扶站') });
    expect(failure(grassroots)).toEqual({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    expect(grassroots.errors?.[0]?.message).toMatch(/^organizationId：帮扶中心/);
    const badPhone = await h.gql(national, CREATE, { input: centerInput(ids.county, '二中心', '6789123') });
    expect(failure(badPhone)).toEqual({ code: 'BAD_USER_INPUT', field: 'phone' });
    const hotline = await h.ok(countyAdmin, CREATE, {
      input: centerInput(ids.county, '中原区12351热线', '12351'),
    });
    expect(hotline.createAssistanceCenter).toMatchObject({
      phone: '12351',
      organization: { id: ids.county },
    });
    // Writers only, and only in their own subtree.
    expect(failure(await h.gql(analyst, CREATE, { input: centerInput(ids.county, '三中心') })).code).toBe(
      'FORBIDDEN',
    );
    expect(failure(await h.gql(countyAdmin, CREATE, { input: centerInput(ids.city, '四中心') })).code).toBe(
      'FORBIDDEN',
    );
  });

  it('answers a keyed repeat with the first center and records it once', async () => {
    const input = { ...centerInput(ids.county, '中原区职工服务驿站'), idempotencyKey: 'center-1' };
    const first = await h.ok(countyAdmin, CREATE, { input });
    const again = await h.ok(countyAdmin, CREATE, { input });
    expect(again.createAssistanceCenter.id).toBe(first.createAssistanceCenter.id);
    expect(
      await h.subgraph.server.models.AssistanceCenter.countDocuments({ name: '中原区职工服务驿站' }),
    ).toBe(1);
    const other = await h.gql(countyAdmin, CREATE, { input: { ...input, phone: '12351' } });
    expect(failure(other)).toEqual({ code: 'CONFLICT', field: 'idempotencyKey' });
  });

  it('receive a case opened there, inside the caller’s subtree; a center outside it is refused', async () => {
    const received = await openCase('m-received', 'DEEP', centers.county, countyAdmin);
    expect(received.errors).toBeUndefined();
    expect(received.data?.openAssistanceCase.center).toEqual({ id: centers.county });
    // The union's own administrator cannot hand the case to the county's center: outside their subtree.
    const fromUnion = await openCase('m-union', 'DEEP', centers.county, adminA);
    expect(failure(fromUnion)).toEqual({ code: 'FORBIDDEN', field: undefined });
    const elsewhere = await openCase('m-elsewhere', 'DEEP', centers.other);
    expect(failure(elsewhere)).toEqual({ code: 'BAD_USER_INPUT', field: 'centerId' });
    expect(failure(await openCase('m-none', 'DEEP', 'no-such-center'))).toEqual({
      code: 'NOT_FOUND',
      field: 'centerId',
    });
    expect(
      await h.subgraph.server.models.AssistanceCase.countDocuments({
        memberId: /^m-(union|elsewhere|none)$/,
      }),
    ).toBe(0);
  });

  it('moves a case between centers by update, in scope only, and never a finished case', async () => {
    const opened = await openCase('m-moved', 'RELATIVE', undefined, adminA);
    const id = opened.data!.openAssistanceCase.id;
    expect(opened.data!.openAssistanceCase.center).toBeNull();
    expect(failure(await h.gql(adminA, ROUTE, { id, centerId: centers.township }))).toEqual({
      code: 'FORBIDDEN',
      field: undefined,
    });
    expect(failure(await h.gql(analyst, ROUTE, { id, centerId: centers.township })).code).toBe('FORBIDDEN');
    const toTownship = await h.ok(townshipAdmin, ROUTE, { id, centerId: centers.township });
    expect(toTownship.routeAssistanceCase.center.id).toBe(centers.township);
    // The county's center lies outside the township's subtree: refused; the county may move it up.
    expect(failure(await h.gql(townshipAdmin, ROUTE, { id, centerId: centers.county })).code).toBe(
      'FORBIDDEN',
    );
    expect(failure(await h.gql(national, ROUTE, { id, centerId: centers.other }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'centerId',
    });
    const toCounty = await h.ok(countyAdmin, ROUTE, { id, centerId: centers.county });
    expect(toCounty.routeAssistanceCase.center.id).toBe(centers.county);
    const stored = await h.subgraph.server.models.AssistanceCase.findById(id).lean();
    expect(stored?.centerId).toBe(centers.county);
    const moved = (await publishedEvents(h.subgraph.server)).filter((e) => e.id === id).at(-1)!;
    expect(moved.affects).toEqual(
      expect.arrayContaining([
        { type: 'AssistanceCenter', id: centers.township },
        { type: 'AssistanceCenter', id: centers.county },
        { type: 'Member', id: 'm-moved' },
        // The unions whose assistanceCenters show the two caseloads.
        { type: 'Organization', id: ids.township },
        { type: 'Organization', id: ids.county },
      ]),
    );
    await h.ok(adminA, step('reviewAssistanceCase', ', passed: false'), { id });
    expect(failure(await h.gql(cityAdmin, ROUTE, { id, centerId: centers.city }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
  });

  it('count their open, closed and rejected cases by hardship level, batched for any number of centers', async () => {
    const ids3: string[] = [];
    for (const [member, level] of [
      ['m-c1', 'DEEP'],
      ['m-c2', 'DEEP'],
      ['m-c3', 'ACCIDENTAL'],
    ] as const) {
      const opened = await openCase(member, level, centers.city, cityAdmin);
      ids3.push(opened.data!.openAssistanceCase.id);
    }
    // One case goes all the way to closing; the other two stay open.
    await h.ok(adminA, step('reviewAssistanceCase', ', passed: true'), { id: ids3[0] });
    await h.ok(townshipAdmin, step('approveAssistanceCase', ', passed: true'), { id: ids3[0] });
    await h.ok(adminA, step('closeAssistanceCase'), { id: ids3[0] });
    const caseloads = async (root: string) => {
      const counter = countCommands(h.subgraph.server.conn);
      const data: Data = await h.ok(
        national,
        `{ assistanceCenters(organizationId: "${root}", first: 50) { totalCount nodes { id ${CASELOAD} } } }`,
      );
      counter.stop();
      return { data, commands: counter.count };
    };
    const { data, commands } = await caseloads(ids.national);
    expect(data.assistanceCenters.totalCount).toBeGreaterThanOrEqual(5);
    // Centers, their cases, the cases' steps: the same commands for a city's centers as for the country's.
    expect((await caseloads(ids.city)).commands).toBe(commands);
    const byId = new Map(data.assistanceCenters.nodes.map((n: Data) => [n.id, n.caseload]));
    expect(byId.get(centers.city)).toEqual({
      open: 2,
      closed: 1,
      rejected: 0,
      byLevel: [
        { level: 'DEEP', open: 1, closed: 1 },
        { level: 'RELATIVE', open: 0, closed: 0 },
        { level: 'ACCIDENTAL', open: 1, closed: 0 },
      ],
    });
    expect(byId.get(centers.county)).toMatchObject({ open: 1, closed: 0, rejected: 1 });
    expect(byId.get(centers.other)).toMatchObject({ open: 0, closed: 0, rejected: 0 });
  });

  it('withhold from an analyst a caseload under k, and what would give it back (issue #19)', async () => {
    const Q = `{ assistanceCenter(id: "${centers.township}") { ${CASELOAD} } }`;
    const load = async (caller = analyst) => (await h.ok(caller, Q)).assistanceCenter.caseload;
    const levels = (deep: number | null) => [
      { level: 'DEEP', open: deep, closed: 0 },
      { level: 'RELATIVE', open: 0, closed: 0 },
      { level: 'ACCIDENTAL', open: 0, closed: 0 },
    ];
    for (const n of [1, 2, 3, 4]) await openCase(`m-k${n}`, 'DEEP', centers.township);
    // k − 1 open cases: withheld; the zeros describe nobody and stay.
    expect(await load()).toEqual({ open: null, closed: 0, rejected: 0, byLevel: levels(null) });
    expect(await load(national)).toEqual({ open: 4, closed: 0, rejected: 0, byLevel: levels(4) });
    await openCase('m-k5', 'DEEP', centers.township);
    expect(await load()).toEqual({ open: 5, closed: 0, rejected: 0, byLevel: levels(5) });
    // The city's 2 open and 1 closed: under k together, every count about anybody withheld.
    const city = (await h.ok(analyst, `{ assistanceCenter(id: "${centers.city}") { ${CASELOAD} } }`))
      .assistanceCenter.caseload;
    expect(city).toMatchObject({ open: null, closed: null, rejected: 0 });
  });

  it('list the cases routed to them, and read as absent outside the caller’s subtree', async () => {
    const city: Data = await h.ok(
      cityAdmin,
      `{ assistanceCenter(id: "${centers.city}") { name cases(filter: { status: CLOSED }) { totalCount nodes { center { id } } } } }`,
    );
    expect(city.assistanceCenter.cases.totalCount).toBe(1);
    expect(city.assistanceCenter.cases.nodes[0].center.id).toBe(centers.city);
    const gd = testCallers.orgAdmin(ids.otherProvince);
    expect(
      (await h.ok(gd, `{ assistanceCenter(id: "${centers.city}") { id } }`)).assistanceCenter,
    ).toBeNull();
    const own: Data = await h.ok(
      gd,
      `{ assistanceCenters(organizationId: "${ids.otherProvince}") { totalCount nodes { id } } }`,
    );
    expect(own.assistanceCenters).toEqual({ totalCount: 1, nodes: [{ id: centers.other }] });
    const org: Data = await h.ok(
      countyAdmin,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { assistanceCenters { id } } } }`,
      {
        reps: [
          { __typename: 'Organization', id: ids.county },
          { __typename: 'Organization', id: ids.city },
        ],
      },
    );
    expect(org._entities[0].assistanceCenters.map((c: Data) => c.id)).toContain(centers.county);
    expect(org._entities[1].assistanceCenters).toEqual([]);
  });
});
