import { makeCreditCode } from '@union-graph/domain';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;
let serial = 1;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());

const REGISTER = `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id needsOwnUnion } }`;
const COVER = `mutation($org: ID!, $unit: ID!) { coverUnit(organizationId: $org, unitId: $unit) { id coveredBy { id } } }`;

function unitInput(employeeCount: number, change: Record<string, unknown> = {}) {
  const n = serial++;
  return {
    name: `单位${n}`,
    creditCode: makeCreditCode('91', '440106', n),
    kind: 'NON_PUBLIC_ENTERPRISE',
    divisionCode: '440106',
    locality: '石牌街道',
    employeeCount,
    femaleEmployeeCount: 0,
    responsibleOrgId: tree.township,
    ...change,
  };
}

async function register(employeeCount: number, change: Record<string, unknown> = {}) {
  return (await orgs.ok(REGISTER, { input: unitInput(employeeCount, change) })).registerHostUnit as {
    id: string;
    needsOwnUnion: boolean;
  };
}

/** Units straight into the collection: the 50-unit tests need many, not their registration. */
async function insertUnits(n: number, employeeCount = 10): Promise<string[]> {
  const docs = await orgs.sg.server.models.HostUnit.insertMany(
    Array.from({ length: n }, () => unitInput(employeeCount)),
  );
  return docs.map((d) => d._id);
}

async function joint(name: string) {
  return orgs.create({ name, type: 'JOINT_GRASSROOTS', divisionCode: '440106', parentId: tree.township });
}

describe('host units and coverage (R1, R2)', () => {
  it('validates host units: credit code check character, counts, uniqueness; nothing written on error', async () => {
    const good = unitInput(30, { femaleEmployeeCount: 12 });
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { creditCode: `${good.creditCode.slice(0, 17)}${good.creditCode[17] === '0' ? '1' : '0'}` },
        'BAD_USER_INPUT',
        'creditCode',
      ],
      [{ creditCode: 'ABC' }, 'BAD_USER_INPUT', 'creditCode'],
      [{ divisionCode: '999999' }, 'BAD_USER_INPUT', 'divisionCode'],
      [{ employeeCount: -1 }, 'BAD_USER_INPUT', 'employeeCount'],
      [{ femaleEmployeeCount: 31 }, 'BAD_USER_INPUT', 'femaleEmployeeCount'],
      [{ responsibleOrgId: 'missing' }, 'NOT_FOUND', 'responsibleOrgId'],
    ];
    for (const [change, code, field] of cases) {
      const error = await orgs.fails(REGISTER, { input: { ...good, ...change } });
      expect([JSON.stringify(change), error.code, error.field]).toEqual([
        JSON.stringify(change),
        code,
        field,
      ]);
    }
    expect(await orgs.sg.server.models.HostUnit.countDocuments({ name: good.name })).toBe(0);
    await orgs.ok(REGISTER, { input: good });
    const duplicate = await orgs.fails(REGISTER, { input: { ...good, name: '另一家' } });
    expect([duplicate.code, duplicate.extensions.field]).toEqual(['CONFLICT', 'creditCode']);
  });

  it('flags units from exactly 25 employees without a union of their own (R1)', async () => {
    const at25 = await register(25);
    const at24 = await register(24);
    expect(at25.needsOwnUnion).toBe(true);
    expect(at24.needsOwnUnion).toBe(false);
    const union = await orgs.create({
      name: '自建工会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
      hostUnitId: at25.id,
    });
    const after = await orgs.ok('query($id: ID!) { hostUnit(id: $id) { needsOwnUnion coveredBy { id } } }', {
      id: at25.id,
    });
    expect(after.hostUnit).toEqual({ needsOwnUnion: false, coveredBy: { id: union.id } });
    const second = await register(40);
    const full = await orgs.fails(COVER, { org: union.id, unit: second.id });
    expect(full.code).toBe('CONFLICT');
    const taken = await orgs.fails(
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      {
        input: {
          name: '重复',
          type: 'GRASSROOTS',
          divisionCode: '440106',
          parentId: tree.township,
          hostUnitId: at25.id,
        },
      },
    );
    expect(taken.code).toBe('CONFLICT');
    expect(await orgs.sg.server.models.Organization.countDocuments({ name: '重复' })).toBe(0);
  });

  it('lets a joint grassroots union cover exactly 50 units and refuses the 51st with CONFLICT (R2)', async () => {
    const union = await joint('五十家联合工会');
    const units = await insertUnits(51);
    const covers = units
      .slice(0, 50)
      .map((u, i) => `c${i}: coverUnit(organizationId: "${union.id}", unitId: "${u}") { id }`)
      .join('\n');
    await orgs.ok(`mutation { ${covers} }`);
    const refused = await orgs.fails(COVER, { org: union.id, unit: units[50] });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.extensions).toMatchObject({ rule: 'R2', capacity: 50, field: 'unitId' });
    const { organization } = await orgs.ok('query($id: ID!) { organization(id: $id) { hostUnits { id } } }', {
      id: union.id,
    });
    expect(organization.hostUnits).toHaveLength(50);
    const again = await orgs.ok(COVER, { org: union.id, unit: units[0] });
    expect(again.coverUnit.coveredBy.id).toBe(union.id);
  });

  it('never exceeds 50 units when writers race for the last places', async () => {
    const union = await joint('并发联合工会');
    const units = await insertUnits(53);
    const first45 = units
      .slice(0, 45)
      .map((u, i) => `c${i}: coverUnit(organizationId: "${union.id}", unitId: "${u}") { id }`)
      .join('\n');
    await orgs.ok(`mutation { ${first45} }`);
    const results = await Promise.all(
      units
        .slice(45)
        .map((unit) =>
          orgs.sg.request(COVER, { variables: { org: union.id, unit }, caller: testCallers.national() }),
        ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(5);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(3);
    expect(await orgs.sg.server.models.Coverage.countDocuments({ organizationId: union.id })).toBe(50);
  });

  it('merging hands units to the surviving union within its capacity', async () => {
    const a = await joint('甲联合');
    const b = await joint('乙联合');
    const units = await insertUnits(30);
    for (const u of units.slice(0, 25)) await orgs.ok(COVER, { org: a.id, unit: u });
    for (const u of units.slice(25)) await orgs.ok(COVER, { org: b.id, unit: u });
    const MERGE =
      'mutation($id: ID!, $into: ID!) { mergeOrganization(id: $id, intoId: $into, mergedAt: "2025-06-01") { status } }';
    await orgs.ok(MERGE, { id: b.id, into: a.id });
    expect(await orgs.sg.server.models.Coverage.countDocuments({ organizationId: a.id })).toBe(30);
    // The survivor's `hostUnits` and the units' `coveredBy` changed with the merged union.
    const merged = (await publishedEvents(orgs.sg.server)).findLast((e) => e.id === b.id);
    expect(merged?.affects).toEqual(
      expect.arrayContaining([
        { type: 'Organization', id: a.id },
        ...units.slice(25).map((id) => ({ type: 'HostUnit', id })),
      ]),
    );
    const covered = (await publishedEvents(orgs.sg.server)).findLast((e) => e.type === 'HostUnit');
    expect(covered).toMatchObject({ id: units[29], affects: [{ type: 'Organization', id: b.id }] });
    const c = await joint('丙联合');
    const more = await insertUnits(21);
    for (const u of more) await orgs.ok(COVER, { org: c.id, unit: u });
    const tooMany = await orgs.fails(MERGE, { id: c.id, into: a.id });
    expect(tooMany.code).toBe('CONFLICT');
    expect(await orgs.sg.server.models.Coverage.countDocuments({ organizationId: c.id })).toBe(21);
  });

  it('reports coverage by region, units needing their own union, small uncovered units and R3 candidates', async () => {
    // A fresh county keeps the figures exact: Zhongyuan, Zhengzhou (Henan).
    const street = await orgs.create({
      name: '林山寨街道总工会',
      type: 'TOWNSHIP_WORK_COMMITTEE',
      divisionCode: '410102',
      parentId: tree.zhongyuan,
      locality: '林山寨街道',
    });
    const henan = (employeeCount: number) =>
      unitInput(employeeCount, {
        divisionCode: '410102',
        locality: '林山寨街道',
        responsibleOrgId: tree.zhongyuan,
      });
    const big = await orgs.sg.server.models.HostUnit.insertMany([henan(25), henan(100), henan(5000)]);
    const small = await orgs.sg.server.models.HostUnit.insertMany([henan(24), henan(3)]);
    const own = await orgs.create({
      name: '大厂工会',
      type: 'GRASSROOTS',
      divisionCode: '410102',
      parentId: street.id,
      hostUnitId: big[1]!._id,
    });
    const jointUnion = await orgs.create({
      name: '林山寨联合工会',
      type: 'JOINT_GRASSROOTS',
      divisionCode: '410102',
      parentId: street.id,
    });
    await orgs.ok(COVER, { org: jointUnion.id, unit: big[0]!._id });
    await orgs.ok(COVER, { org: jointUnion.id, unit: small[0]!._id });
    expect(own.level).toBe('GRASSROOTS');

    const henanAdmin = testCallers.orgAdmin(tree.henan);
    const report = await orgs.ok(
      `{ coverageByRegion(by: COUNTY, divisionCode: "41") {
          divisionCode name units coveredUnits employees coveredEmployees unitRate employeeRate
          unitsNeedingOwnUnion smallUnitsUncovered } }`,
      undefined,
      henanAdmin,
    );
    expect(report.coverageByRegion).toEqual([
      {
        divisionCode: '410102',
        name: '中原区',
        units: 5,
        coveredUnits: 3,
        employees: 5152,
        coveredEmployees: 149,
        unitRate: 3 / 5,
        employeeRate: 149 / 5152,
        unitsNeedingOwnUnion: 2,
        smallUnitsUncovered: 1,
      },
    ]);
    const needing = await orgs.ok(
      '{ hostUnits(filter: { minEmployees: 25, coverage: WITHOUT_OWN_UNION }) { totalCount nodes { employeeCount } } }',
      undefined,
      henanAdmin,
    );
    expect(needing.hostUnits.nodes.map((u: { employeeCount: number }) => u.employeeCount).sort()).toEqual([
      25, 5000,
    ]);
    const uncovered = await orgs.ok(
      '{ hostUnits(filter: { maxEmployees: 24, coverage: UNCOVERED }) { nodes { employeeCount } } }',
      undefined,
      henanAdmin,
    );
    expect(uncovered.hostUnits.nodes).toEqual([{ employeeCount: 3 }]);
    // Guangdong's staff see none of Henan's units.
    const outside = await orgs.ok(
      '{ coverageByRegion(by: PROVINCE, divisionCode: "41") { units } }',
      undefined,
      testCallers.orgAdmin(tree.guangdong),
    );
    expect(outside.coverageByRegion).toEqual([]);

    const candidates = await orgs.ok(
      '{ generalUnionCandidates(divisionCode: "410102") { divisionCode locality enterprises employees existing { id type } } }',
      undefined,
      henanAdmin,
    );
    expect(candidates.generalUnionCandidates).toEqual([
      {
        divisionCode: '410102',
        locality: '林山寨街道',
        enterprises: 5,
        employees: 5152,
        existing: { id: street.id, type: 'TOWNSHIP_WORK_COMMITTEE' },
      },
    ]);
  });
});
