import { makeCreditCode } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * §12 sectoral and regional bargaining through the gateway: the seeded street federation's regional
 * contract lists its units (names from organizations), a new restaurant registered and unionized in
 * organizations reaches worker-services' unit directory by events and is covered by a sectoral wage
 * contract, the unit's card shows it, and the county's coverage report counts it by region.
 */
let graph: TestGraph;
const national = testCallers.national();

// biome-ignore lint/suspicious/noExplicitAny: response data read by path
type Data = Record<string, any>;

async function run(query: string, variables: Record<string, unknown>, caller = national) {
  return graph.query<Data>(query, { caller, variables });
}

async function ok(query: string, variables: Record<string, unknown> = {}, caller = national): Promise<Data> {
  const res = await run(query, variables, caller);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

const code = (res: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  res.errors?.[0]?.extensions?.code;

let county: { _id: string; divisionCode: string };
let street: { _id: string };
let streetAdmin: ReturnType<typeof testCallers.orgAdmin>;
let restaurant: string;
let outsideUnit: string;
let grassrootsAdmin: ReturnType<typeof testCallers.orgAdmin>;

/** A host unit and the grassroots union covering it, through the organizations subgraph. */
async function unionizedUnit(
  name: string,
  serial: number,
  parentId: string,
): Promise<{ unit: string; union: string }> {
  const { registerHostUnit } = await ok(
    `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id } }`,
    {
      input: {
        name,
        creditCode: makeCreditCode('91', county.divisionCode, serial),
        kind: 'NON_PUBLIC_ENTERPRISE',
        divisionCode: county.divisionCode,
        employeeCount: 40,
        femaleEmployeeCount: 22,
        responsibleOrgId: street._id,
      },
    },
  );
  const { createOrganization } = await ok(
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    {
      input: {
        name: `${name}工会委员会`,
        type: 'GRASSROOTS',
        parentId,
        divisionCode: county.divisionCode,
      },
    },
  );
  // Covering the unit apart from creating the union publishes the unit's snapshot with its union.
  await ok(`mutation($o: ID!, $u: ID!) { coverUnit(organizationId: $o, unitId: $u) { id } }`, {
    o: createOrganization.id,
    u: registerHostUnit.id,
  });
  return { unit: registerHostUnit.id, union: createOrganization.id };
}

beforeAll(async () => {
  graph = await startTestGraph();
  county = graph.plan.organizations.find((o) => o.level === 'COUNTY')!;
  street = graph.plan.organizations.find(
    (o) => o.parentId === county._id && o.type === 'TOWNSHIP_FEDERATION',
  )!;
  streetAdmin = testCallers.orgAdmin(street._id);
  const inStreet = await unionizedUnit('中原味道餐饮管理有限公司', 91_201, street._id);
  restaurant = inStreet.unit;
  grassrootsAdmin = testCallers.orgAdmin(inStreet.union);
  // A unit whose union sits under the county, not under the street: outside the street's area.
  outsideUnit = (await unionizedUnit('中原区直属机关食堂管理有限公司', 91_202, county._id)).unit;
  await graph.settled();
});
afterAll(() => graph?.stop());

const CONTRACT = `id title scope industry area employerSide status coveredUnitCount workersCovered`;

describe('sectoral and regional collective contracts through the gateway (§12)', () => {
  it('shows the seeded regional contract with its units, named by organizations', async () => {
    const seeded = graph.plan.collectiveContracts.find(
      (c) => c.scope === 'REGIONAL' && c.organizationId === street._id,
    )!;
    const listed = graph.plan.coveredUnits.filter((u) => u.contractId === seeded._id);
    expect(listed.length).toBeGreaterThan(0);
    const { collectiveContract } = await ok(
      `query($id: ID!) { collectiveContract(id: $id) { ${CONTRACT} organization { name }
        coveredUnits(first: 50) { totalCount nodes { workersCovered hostUnit { id name } coveringUnion { type } } } } }`,
      { id: seeded._id },
      streetAdmin,
    );
    expect(collectiveContract).toMatchObject({
      scope: 'REGIONAL',
      area: seeded.area,
      status: 'FILED',
      coveredUnitCount: listed.length,
      workersCovered: listed.reduce((n, u) => n + u.workersCovered, 0),
      coveredUnits: { totalCount: listed.length },
    });
    const names = new Map(graph.plan.hostUnits.map((u) => [u._id, u.name]));
    for (const node of collectiveContract.coveredUnits.nodes) {
      expect(node.hostUnit.name).toBe(names.get(node.hostUnit.id));
      expect(node.coveringUnion.type).toBe('JOINT_GRASSROOTS');
    }
  });

  it('records a sectoral wage contract for the street’s restaurants; refuses a grassroots union, a read-only role and outsiders', async () => {
    const input = {
      organizationId: street._id,
      kind: 'WAGE',
      scope: 'SECTORAL',
      industry: '餐饮',
      employerSide: '街道餐饮行业协会',
      title: '餐饮行业工资专项集体合同（2027年度）',
      startsOn: '2027-01-01',
      expiresOn: '2027-12-31',
    };
    const CREATE = `mutation($input: CollectiveContractInput!) { createCollectiveContract(input: $input) { ${CONTRACT} } }`;
    const refused = await run(
      CREATE,
      { input: { ...input, organizationId: grassrootsAdmin.orgId } },
      grassrootsAdmin,
    );
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'organizationId',
    });
    expect(code(await run(CREATE, { input }, testCallers.analyst()))).toBe('FORBIDDEN');
    const { createCollectiveContract: contract } = await ok(CREATE, { input }, streetAdmin);
    expect(contract).toMatchObject({
      scope: 'SECTORAL',
      industry: '餐饮',
      status: 'DRAFT',
      coveredUnitCount: 0,
    });

    const ADD = `mutation($input: CoveredUnitInput!) { addCoveredUnit(input: $input) { id workersCovered hostUnit { name } } }`;
    const add = (hostUnitId: string, caller = streetAdmin) =>
      run(
        ADD,
        {
          input: {
            contractId: contract.id,
            hostUnitId,
            workersCovered: 38,
            idempotencyKey: `add-${hostUnitId}`,
          },
        },
        caller,
      );
    expect(code(await add(outsideUnit))).toBe('FORBIDDEN');
    expect(code(await add(restaurant, grassrootsAdmin))).toBe('NOT_FOUND');
    const added = await add(restaurant);
    expect(added.data?.addCoveredUnit).toMatchObject({
      workersCovered: 38,
      hostUnit: { name: '中原味道餐饮管理有限公司' },
    });
    expect((await add(restaurant)).data?.addCoveredUnit.id).toBe(added.data?.addCoveredUnit.id);

    await graph.settled();
    const card = await ok(
      `query($id: ID!) { hostUnit(id: $id) { name coveredBy { id } coveringContracts { id industry organization { id } } } }`,
      { id: restaurant },
      streetAdmin,
    );
    expect(card.hostUnit.coveringContracts).toEqual([
      { id: contract.id, industry: '餐饮', organization: { id: street._id } },
    ]);
    const again = await ok(
      `query($id: ID!) { contractsCoveringUnit(hostUnitId: $id) { id workersCovered } }`,
      { id: restaurant },
      streetAdmin,
    );
    expect(again.contractsCoveringUnit).toEqual([{ id: contract.id, workersCovered: 38 }]);
  });

  it('reports the county’s coverage by region, refusing a caller outside its subtree', async () => {
    const REPORT = `query($o: ID!, $asOf: Date) { sectoralCoverageReport(organizationId: $o, asOf: $asOf) {
      organization { name } contracts units workers byRegion { divisionCode name contracts units workers } } }`;
    // On the seed's day every seeded sectoral and regional contract is in force.
    const asOf = '2026-06-30';
    const seeded = graph.plan.collectiveContracts.filter(
      (c) => c.scope === 'SECTORAL' || c.scope === 'REGIONAL',
    );
    const workers = new Map<string, number>();
    for (const u of graph.plan.coveredUnits)
      workers.set(u.hostUnitId, Math.max(workers.get(u.hostUnitId) ?? 0, u.workersCovered));
    const total = [...workers.values()].reduce((n, w) => n + w, 0);
    const { sectoralCoverageReport: report } = await ok(
      REPORT,
      { o: county._id, asOf },
      testCallers.orgAdmin(county._id),
    );
    expect(report).toMatchObject({ contracts: seeded.length, units: workers.size, workers: total });
    expect(report.byRegion).toEqual([
      {
        divisionCode: county.divisionCode,
        name: expect.any(String),
        contracts: seeded.length,
        units: workers.size,
        workers: total,
      },
    ]);
    expect(code(await run(REPORT, { o: county._id, asOf }, grassrootsAdmin))).toBe('FORBIDDEN');
  });
});
