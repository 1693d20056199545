import { industryDivision, industrySection } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * Issue #19 item 3 through the gateway: a unit list imported into the union responsible for the
 * units changes their industry, and once the events are applied the members of the union covering
 * a unit are counted under it.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const IMPORT = `mutation($input: HostUnitImportInput!) { importHostUnits(input: $input) {
  rows created updated alreadyPresent problems { row column message } } }`;
const BY_SECTION = `query($filter: MemberBreakdownFilter) {
  memberBreakdown(groupBy: [INDUSTRY_SECTION], filter: $filter) { rows { values { code label } count } total }
}`;

const HEADERS = [
  '统一社会信用代码',
  '单位名称',
  '单位类型',
  '行政区划代码',
  '行业代码',
  '职工人数',
  '女职工人数',
];

function csv(rows: (string | number)[][]): string {
  return Buffer.from(`\uFEFF${[HEADERS, ...rows].map((r) => r.join(',')).join('\r\n')}`).toString('base64');
}

/** The seeded grassroots union with the most members, and the unit it was founded in. */
function biggestUnion() {
  const { plan } = graph;
  const size = new Map<string, number>();
  for (const m of plan.members) size.set(m.organizationId, (size.get(m.organizationId) ?? 0) + 1);
  const own = plan.coverages.filter((c) => c.own);
  const coverage = own.sort(
    (a, b) => (size.get(b.organizationId) ?? 0) - (size.get(a.organizationId) ?? 0),
  )[0]!;
  const unit = plan.hostUnits.find((u) => u._id === coverage.unitId)!;
  return { unionId: coverage.organizationId, unit };
}

describe('importing host units through the gateway', () => {
  it('moves a union’s members to the imported industry in memberBreakdown once the events are applied', async () => {
    const { unionId, unit } = biggestUnion();
    const before = (await graph.ok(BY_SECTION, { filter: { organizationId: unionId } })).memberBreakdown;
    expect(before.total).toBeGreaterThan(0);
    // 教育 (P) unless the unit is already in it, then 农业 (A).
    const division = unit.industry && industryDivision(unit.industry)?.section === 'P' ? '01' : '83';
    const section = industryDivision(division)!.section;
    expect(before.rows.map((r: { values: { code: string }[] }) => r.values[0]!.code)).not.toContain(section);

    const row = [
      unit.creditCode,
      unit.name,
      unit.kind,
      unit.divisionCode,
      `${section}${division}`,
      unit.employeeCount,
      unit.femaleEmployeeCount,
    ];
    const input = { organizationId: unit.responsibleOrgId, format: 'CSV', contentBase64: csv([row]) };
    const admin = testCallers.orgAdmin(unit.responsibleOrgId);

    // A reader may not import, nor an administrator of a union outside the responsible one's subtree.
    const analyst = await graph.query(IMPORT, { caller: testCallers.analyst(), variables: { input } });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const responsible = graph.plan.organizations.find((o) => o._id === unit.responsibleOrgId)!;
    const outsider = graph.plan.organizations.find(
      (o) => !o.path.includes(responsible._id) && !responsible.path.includes(o._id),
    )!;
    const outside = await graph.query(IMPORT, {
      caller: testCallers.orgAdmin(outsider._id),
      variables: { input },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const dry = (await graph.ok(IMPORT, { input: { ...input, dryRun: true } }, admin)).importHostUnits;
    expect(dry).toEqual({ rows: 1, created: 0, updated: 1, alreadyPresent: 0, problems: [] });
    expect((await graph.ok(IMPORT, { input }, admin)).importHostUnits).toEqual(dry);
    expect((await graph.ok(IMPORT, { input }, admin)).importHostUnits).toMatchObject({
      updated: 0,
      alreadyPresent: 1,
    });

    await graph.settled();
    const shown = await graph.ok(`query($id: ID!) { hostUnit(id: $id) { industry { division { code } } } }`, {
      id: unit._id,
    });
    expect(shown.hostUnit.industry.division.code).toBe(division);
    const after = (await graph.ok(BY_SECTION, { filter: { organizationId: unionId } })).memberBreakdown;
    expect(after.total).toBe(before.total);
    expect(after.rows).toEqual([
      {
        values: [{ code: section, label: expect.stringContaining(industrySection(section)!.name) }],
        count: before.total,
      },
    ]);
  });
});
