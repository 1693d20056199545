import { publishChanges } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { failure, ids, isoDay, useHarness } from './fixtures';

const h = useHarness();

const streetAdmin = testCallers.orgAdmin(ids.township);
const countyAdmin = testCallers.orgAdmin(ids.county);
const adminA = testCallers.orgAdmin(ids.unionA);
const outsider = testCallers.orgAdmin(ids.otherProvince);

/** Host units as organizations publishes them: the union covering each places it in the tree. */
const units = {
  a: { id: 'unit-a', name: '甲餐饮管理有限公司', coveredBy: ids.unionA },
  b: { id: 'unit-b', name: '乙酒家有限公司', coveredBy: ids.unionB },
  gd: { id: 'unit-gd', name: '丙餐饮有限公司', coveredBy: ids.otherUnion },
  none: { id: 'unit-none', name: '丁小吃店', coveredBy: null },
};

beforeAll(async () => {
  const { server } = h.subgraph;
  await publishChanges(
    server.redis,
    server.keyspace,
    'organizations',
    Object.values(units).map((u) => ({
      type: 'HostUnit',
      id: u.id,
      op: 'upsert' as const,
      version: 1,
      data: { name: u.name, creditCode: `91410102MA${u.id}`, coveredBy: u.coveredBy },
    })),
  );
  await server.directory?.caughtUp();
});

const CONTRACT = `id scope industry area employerSide status renewalDue filingOverdue renews { id }
  coveredUnitCount workersCovered`;
const CREATE = `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { ${CONTRACT} } }`;
const ADD = `mutation($input: CoveredUnitInput!) { addCoveredUnit(input: $input) {
  id unitName workersCovered removedOn hostUnit { id } coveringUnion { id } contract { id } } }`;

const sectoral = (over: Record<string, unknown> = {}) => ({
  input: {
    organizationId: ids.township,
    kind: 'WAGE',
    scope: 'SECTORAL',
    industry: '餐饮',
    employerSide: '林山寨街道餐饮行业协会',
    title: '林山寨街道餐饮行业工资专项集体合同',
    startsOn: isoDay(-100),
    expiresOn: isoDay(264),
    ...over,
  },
});

async function create(over: Record<string, unknown> = {}) {
  return (await h.ok(streetAdmin, CREATE, sectoral(over))).createCollectiveContract;
}

const add = (
  contractId: string,
  hostUnitId: string,
  workersCovered: number,
  caller = streetAdmin,
  key?: string,
) => h.gql(caller, ADD, { input: { contractId, hostUnitId, workersCovered, idempotencyKey: key } });

async function sign(id: string, signedOn: string) {
  await h.ok(streetAdmin, `mutation($id: ID!) { recordNegotiation(id: $id) { id } }`, { id });
  await h.ok(
    streetAdmin,
    `mutation($id: ID!, $on: Date!) { signCollectiveContract(id: $id, signedOn: $on) { id } }`,
    {
      id,
      on: signedOn,
    },
  );
}

const read = async (id: string, caller = streetAdmin) =>
  (
    await h.ok(
      caller,
      `query($id: ID!) { collectiveContract(id: $id) { ${CONTRACT}
        coveredUnits(first: 1) { totalCount pageInfo { hasNextPage } nodes { hostUnit { id } workersCovered } } } }`,
      { id },
    )
  ).collectiveContract;

let catering: { id: string };

describe('sectoral and regional collective contracts (§12)', () => {
  it('a township federation records one; a grassroots union may not; sector, area and employers’ side are required', async () => {
    catering = await create();
    expect(catering).toMatchObject({
      scope: 'SECTORAL',
      industry: '餐饮',
      area: null,
      employerSide: '林山寨街道餐饮行业协会',
      status: 'DRAFT',
      coveredUnitCount: 0,
      workersCovered: 0,
    });
    const before = await h.subgraph.server.models.CollectiveContract.countDocuments();
    const grassroots = await h.gql(adminA, CREATE, sectoral({ organizationId: ids.unionA }));
    expect(failure(grassroots)).toEqual({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    const county = await h.gql(countyAdmin, CREATE, sectoral({ organizationId: ids.county }));
    expect(failure(county)).toEqual({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    const cases: [Record<string, unknown>, string][] = [
      [{ industry: ' ' }, 'industry'],
      [{ scope: 'REGIONAL', industry: null }, 'area'],
      [{ industry: '美容美发', employerSide: null }, 'employerSide'],
      [{ scope: 'UNIT', organizationId: ids.unionA }, 'scope'],
    ];
    for (const [over, field] of cases)
      expect(
        failure(await h.gql(over.organizationId ? adminA : streetAdmin, CREATE, sectoral(over))),
      ).toEqual({
        code: 'BAD_USER_INPUT',
        field,
      });
    // The same sector in the same term is the same contract; another sector runs beside it.
    expect(failure(await h.gql(streetAdmin, CREATE, sectoral({ startsOn: isoDay(-50) })))).toEqual({
      code: 'CONFLICT',
      field: 'startsOn',
    });
    expect(await h.subgraph.server.models.CollectiveContract.countDocuments()).toBe(before);
    expect(
      await create({ industry: '美容美发', title: '林山寨街道美容美发行业工资专项集体合同' }),
    ).toMatchObject({
      industry: '美容美发',
    });
  });

  it('lists covered units, paginated with totals; refuses units outside the area, unknown or uncovered, read-only roles and outsiders', async () => {
    const first = await add(catering.id, units.a.id, 30, streetAdmin, 'k-a');
    expect(first.data?.addCoveredUnit).toMatchObject({
      unitName: units.a.name,
      workersCovered: 30,
      removedOn: null,
      hostUnit: { id: units.a.id },
      coveringUnion: { id: ids.unionA },
      contract: { id: catering.id },
    });
    const repeat = await add(catering.id, units.a.id, 30, streetAdmin, 'k-a');
    expect(repeat.data?.addCoveredUnit.id).toBe(first.data?.addCoveredUnit.id);
    expect(failure(await add(catering.id, units.a.id, 30))).toEqual({
      code: 'CONFLICT',
      field: 'hostUnitId',
    });
    expect(failure(await add(catering.id, units.b.id, 0))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'workersCovered',
    });
    expect((await add(catering.id, units.b.id, 12)).errors).toBeUndefined();

    expect(failure(await add(catering.id, units.gd.id, 5)).code).toBe('FORBIDDEN');
    expect(failure(await add(catering.id, 'unit-unknown', 5))).toEqual({
      code: 'NOT_FOUND',
      field: 'hostUnitId',
    });
    expect(failure(await add(catering.id, units.none.id, 5))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'hostUnitId',
    });
    expect(failure(await add(catering.id, units.a.id, 5, testCallers.analyst())).code).toBe('FORBIDDEN');
    // Outside the federation's subtree the contract reads as absent.
    expect(failure(await add(catering.id, units.a.id, 5, outsider))).toEqual({
      code: 'NOT_FOUND',
      field: 'contractId',
    });
    expect(await h.subgraph.server.models.CoveredUnit.countDocuments()).toBe(2);

    const unitContract = await h.ok(adminA, CREATE, {
      input: {
        organizationId: ids.unionA,
        kind: 'WAGE',
        title: '甲公司工资专项集体合同',
        startsOn: isoDay(-10),
        expiresOn: isoDay(300),
      },
    });
    expect(failure(await add(unitContract.createCollectiveContract.id, units.a.id, 5, adminA))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'contractId',
    });

    expect(await read(catering.id)).toMatchObject({
      coveredUnitCount: 2,
      workersCovered: 42,
      coveredUnits: {
        totalCount: 2,
        pageInfo: { hasNextPage: true },
        nodes: [{ hostUnit: { id: units.a.id }, workersCovered: 30 }],
      },
    });
  });

  it('covers a unit by one sectoral or regional contract of a kind per term: CONFLICT on the expiry day, the next day ok', async () => {
    const regional = await create({
      scope: 'REGIONAL',
      industry: null,
      area: '林山寨街道',
      employerSide: '林山寨街道企业代表',
      title: '林山寨街道区域性工资专项集体合同',
      startsOn: isoDay(264),
      expiresOn: isoDay(600),
    });
    expect(failure(await add(regional.id, units.a.id, 30))).toEqual({
      code: 'CONFLICT',
      field: 'hostUnitId',
    });
    const general = await create({
      kind: 'GENERAL',
      scope: 'REGIONAL',
      industry: null,
      area: '林山寨街道',
      employerSide: '林山寨街道企业代表',
      title: '林山寨街道区域性集体合同',
    });
    expect((await add(general.id, units.a.id, 30)).errors).toBeUndefined();
    const next = await create({
      title: '林山寨街道餐饮行业工资专项集体合同（下期）',
      startsOn: isoDay(265),
      expiresOn: isoDay(629),
    });
    expect((await add(next.id, units.a.id, 31)).data?.addCoveredUnit.workersCovered).toBe(31);
  });

  it('removes a unit, keeping the record and its date, and covers it again', async () => {
    const REMOVE = `mutation($c: ID!, $u: ID!) { removeCoveredUnit(contractId: $c, hostUnitId: $u) { id removedOn } }`;
    const removed = (await h.ok(streetAdmin, REMOVE, { c: catering.id, u: units.b.id })).removeCoveredUnit;
    expect(removed.removedOn).toBe(isoDay(0));
    expect((await h.ok(streetAdmin, REMOVE, { c: catering.id, u: units.b.id })).removeCoveredUnit).toEqual(
      removed,
    );
    expect(failure(await h.gql(adminA, REMOVE, { c: catering.id, u: units.b.id })).code).toBe('NOT_FOUND');
    expect(await read(catering.id)).toMatchObject({ coveredUnitCount: 1, workersCovered: 30 });
    const covering = `query($u: ID!) { contractsCoveringUnit(hostUnitId: $u) { id } }`;
    expect((await h.ok(streetAdmin, covering, { u: units.b.id })).contractsCoveringUnit).toEqual([]);
    const again = (await add(catering.id, units.b.id, 15, streetAdmin, 'k-b-again')).data?.addCoveredUnit;
    expect(again).toMatchObject({ id: removed.id, removedOn: null, workersCovered: 15 });
    expect((await add(catering.id, units.b.id, 15, streetAdmin, 'k-b-again')).data?.addCoveredUnit).toEqual(
      again,
    );
    expect((await h.ok(streetAdmin, covering, { u: units.b.id })).contractsCoveringUnit).toEqual([
      { id: catering.id },
    ]);
  });

  it('R20 applies unchanged: renewal window at 60 / 61 days, filing at 7 / 8 days; a renewal carries the units over', async () => {
    const due = await create({
      kind: 'SPECIAL',
      industry: '建筑',
      startsOn: isoDay(-300),
      expiresOn: isoDay(60),
    });
    await sign(due.id, isoDay(-7));
    const notYet = await create({
      kind: 'SPECIAL',
      industry: '家政',
      startsOn: isoDay(-300),
      expiresOn: isoDay(61),
    });
    await sign(notYet.id, isoDay(-8));
    expect(await read(due.id)).toMatchObject({ status: 'SIGNED', renewalDue: true, filingOverdue: false });
    expect(await read(notYet.id)).toMatchObject({ renewalDue: false, filingOverdue: true });
    await add(due.id, units.b.id, 15);

    const RENEW = `mutation($input: ContractRenewalInput!) { renewCollectiveContract(input: $input) { ${CONTRACT} } }`;
    const renewal = {
      input: {
        renewsId: due.id,
        title: '建筑行业专项集体合同（续签）',
        startsOn: isoDay(61),
        expiresOn: isoDay(61 + 700),
        idempotencyKey: 'renew-1',
      },
    };
    const renewed = (await h.ok(streetAdmin, RENEW, renewal)).renewCollectiveContract;
    expect(renewed).toMatchObject({
      scope: 'SECTORAL',
      industry: '建筑',
      employerSide: '林山寨街道餐饮行业协会',
      status: 'DRAFT',
      renews: { id: due.id },
      coveredUnitCount: 1,
      workersCovered: 15,
    });
    expect((await h.ok(streetAdmin, RENEW, renewal)).renewCollectiveContract.id).toBe(renewed.id);
    expect(await read(due.id)).toMatchObject({ status: 'RENEWED', renewalDue: false });
    expect(
      failure(await h.gql(streetAdmin, RENEW, { input: { ...renewal.input, idempotencyKey: 'renew-2' } })),
    ).toEqual({
      code: 'CONFLICT',
      field: 'renewsId',
    });
    const report = await h.ok(
      countyAdmin,
      `query($o: ID!) { collectiveContractReport(organizationId: $o) { dueForRenewal { id } filingOverdue { id } } }`,
      { o: ids.county },
    );
    expect(report.collectiveContractReport).toEqual({
      dueForRenewal: [],
      filingOverdue: [{ id: notYet.id }],
    });
  });

  it('shows on the unit’s card and in the coverage report by region, within the caller’s subtree', async () => {
    await sign(catering.id, isoDay(-101));
    const CARD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on HostUnit { coveringContracts { id industry area } } } }`;
    const reps = { reps: [{ __typename: 'HostUnit', id: units.a.id }] };
    const card = (await h.ok(streetAdmin, CARD, reps))._entities[0].coveringContracts;
    expect(
      card.map((c: { industry: string | null; area: string | null }) => c.industry ?? c.area).sort(),
    ).toEqual(['林山寨街道', '餐饮', '餐饮'].sort());
    expect((await h.ok(outsider, CARD, reps))._entities[0].coveringContracts).toEqual([]);

    const REPORT = `query($o: ID!, $asOf: Date) { sectoralCoverageReport(organizationId: $o, asOf: $asOf) {
      contracts units workers byRegion { divisionCode name contracts units workers } } }`;
    // In force today: the signed catering contract (units a and b) and the signed special contract in 家政.
    expect((await h.ok(countyAdmin, REPORT, { o: ids.county })).sectoralCoverageReport).toEqual({
      contracts: 3,
      units: 2,
      workers: 45,
      byRegion: [{ divisionCode: '410102', name: '中原区', contracts: 3, units: 2, workers: 45 }],
    });
    // Before the special contracts were signed only the catering contract was in force.
    expect(
      (await h.ok(countyAdmin, REPORT, { o: ids.county, asOf: isoDay(-9) })).sectoralCoverageReport,
    ).toMatchObject({
      contracts: 1,
      units: 2,
      workers: 45,
    });
    expect(failure(await h.gql(adminA, REPORT, { o: ids.county })).code).toBe('FORBIDDEN');
  });
});
