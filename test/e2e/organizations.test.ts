import { makeCreditCode } from '@union-graph/domain';
import { orgDirectoryModel } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

interface ChildrenPage {
  organization: {
    children: { nodes: { name: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
  };
}

// biome-ignore lint/suspicious/noExplicitAny: tests read response shapes they just asked for
async function ok<T = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  caller = national,
) {
  const res = await graph.query<T>(query, { caller, variables });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data as T;
}

describe('the organizations subgraph through the gateway', () => {
  it('browses the demo tree from the national federation down to grassroots unions, page by page', async () => {
    const root = graph.plan.organizations.find((o) => o.type === 'NATIONAL_FEDERATION')!;
    let id = root._id;
    const levels: string[] = [];
    for (;;) {
      const { organization } = await ok(
        `query($id: ID!) { organization(id: $id) { level children(first: 1) { totalCount nodes { id } pageInfo { hasNextPage endCursor } } } }`,
        { id },
      );
      levels.push(organization.level);
      const next = organization.children.nodes[0];
      if (!next) break;
      id = next.id;
    }
    // Tiny is Beijing: a municipality's districts sit right under it, with no city level between.
    expect(levels).toEqual(['NATIONAL', 'PROVINCE', 'COUNTY', 'TOWNSHIP', 'GRASSROOTS']);
    const township = graph.plan.organizations.find((o) => o.type === 'TOWNSHIP_FEDERATION')!;
    const below = graph.plan.organizations.filter((o) => o.parentId === township._id).map((o) => o.name);
    const names: string[] = [];
    let after: string | null = null;
    do {
      const { organization }: ChildrenPage = await ok<ChildrenPage>(
        `query($id: ID!, $after: String) { organization(id: $id) { children(first: 2, after: $after) {
          nodes { name ancestors { level } } pageInfo { hasNextPage endCursor } } } }`,
        { id: township._id, after },
      );
      names.push(...organization.children.nodes.map((n: { name: string }) => n.name));
      after = organization.children.pageInfo.hasNextPage ? organization.children.pageInfo.endCursor : null;
    } while (after);
    expect(names.sort()).toEqual(below.sort());
  });

  it('reports coverage and six-haves compliance for a region, and refuses rule violations', async () => {
    const township = graph.plan.organizations.find((o) => o.type === 'TOWNSHIP_FEDERATION')!;
    const county = township.divisionCode;
    const units: string[] = [];
    for (const [i, employees] of [25, 24, 200].entries()) {
      const { registerHostUnit } = await ok(
        `mutation($input: HostUnitInput!) { registerHostUnit(input: $input) { id } }`,
        {
          input: {
            name: `示范单位${i}`,
            creditCode: makeCreditCode('91', county, 900 + i),
            kind: 'NON_PUBLIC_ENTERPRISE',
            divisionCode: county,
            employeeCount: employees,
            femaleEmployeeCount: 0,
            responsibleOrgId: township._id,
          },
        },
      );
      units.push(registerHostUnit.id);
    }
    const own = await ok(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      {
        input: {
          name: '示范单位2工会',
          type: 'GRASSROOTS',
          divisionCode: county,
          parentId: township._id,
          hostUnitId: units[2],
        },
      },
    );
    const coverage = await ok(
      `query($code: String!) { coverageByRegion(by: COUNTY, divisionCode: $code) {
      divisionCode units coveredUnits employees coveredEmployees unitsNeedingOwnUnion smallUnitsUncovered } }`,
      {
        code: county,
      },
    );
    // Expected figures: the demo data's units in the county, plus the three registered here.
    const mine = [25, 24, 200].map((employeeCount, i) => ({ _id: units[i]!, employeeCount }));
    const all = [...graph.plan.hostUnits.filter((u) => u.divisionCode === county), ...mine];
    const covers = new Map(graph.plan.coverages.map((c) => [c.unitId, c.own]));
    covers.set(units[2]!, true);
    const covered = all.filter((u) => covers.has(u._id));
    const sum = (list: { employeeCount: number }[]) => list.reduce((n, u) => n + u.employeeCount, 0);
    expect(coverage.coverageByRegion).toEqual([
      {
        divisionCode: county,
        units: all.length,
        coveredUnits: covered.length,
        employees: sum(all),
        coveredEmployees: sum(covered),
        unitsNeedingOwnUnion: all.filter((u) => u.employeeCount >= 25 && !covers.get(u._id)).length,
        smallUnitsUncovered: all.filter((u) => u.employeeCount < 25 && !covers.has(u._id)).length,
      },
    ]);
    expect(coverage.coverageByRegion[0].unitsNeedingOwnUnion).toBeGreaterThanOrEqual(1);

    const CRITERIA = [
      'ELECTED_CHAIR',
      'SOUND_STRUCTURE',
      'SERVICE_CARRIERS',
      'SOUND_SYSTEMS',
      'SELF_MANAGED_FUNDS',
      'MEMBER_SATISFACTION',
    ];
    const grassroots = graph.plan.organizations
      .filter((o) => ['GRASSROOTS', 'JOINT_GRASSROOTS'].includes(o.type))
      .map((o) => o._id)
      .concat(own.createOrganization.id);
    for (const [i, organizationId] of grassroots.entries()) {
      await ok(
        `mutation($input: SixHavesAssessmentInput!) { recordSixHavesAssessment(input: $input) { id } }`,
        {
          input: {
            organizationId,
            year: 2025,
            items: CRITERIA.map((criterion) => ({ criterion, met: i > 0 })),
            assessor: '王五',
            assessedOn: '2025-12-15',
          },
        },
      );
    }
    const province = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    const sixHaves = await ok(
      `{ sixHavesCompliance(year: 2025, by: PROVINCE) { total { unions compliant rate meetsGoal } } }`,
      undefined,
      testCallers.orgAdmin(province._id),
    );
    expect(sixHaves.sixHavesCompliance.total).toEqual({
      unions: grassroots.length,
      compliant: grassroots.length - 1,
      rate: (grassroots.length - 1) / grassroots.length,
      meetsGoal: (grassroots.length - 1) / grassroots.length >= 0.8,
    });

    const wrongParent = await graph.query(
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      {
        caller: national,
        variables: {
          input: {
            name: '错',
            type: 'LOCAL_FEDERATION',
            divisionCode: county,
            parentId: own.createOrganization.id,
          },
        },
      },
    );
    expect(wrongParent.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    const badTerm = await graph.query(
      'mutation($input: CommitteeTermInput!) { recordCommitteeTerm(input: $input) { id } }',
      {
        caller: national,
        variables: {
          input: {
            organizationId: own.createOrganization.id,
            type: 'UNION_COMMITTEE',
            termStart: '2025-01-01',
            termYears: 4,
            seats: 5,
          },
        },
      },
    );
    expect(badTerm.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'termYears',
      messageKey: 'organizations.committeeTerm',
    });
    expect(badTerm.errors?.[0]?.message).toBe('委员会任期为3年或5年（R15）');
  });

  it('answers in Chinese by default and in English when the client asks (Accept-Language)', async () => {
    const post = async (query: string, language?: string) => {
      const res = await fetch(graph.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await graph.token(national)}`,
          ...(language ? { 'accept-language': language } : {}),
        },
        body: JSON.stringify({ query }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: tests read response shapes they just asked for
      return (await res.json()) as { data?: any; errors?: { message: string; extensions: any }[] };
    };
    const COUNTS = '{ organizationCounts(by: STATUS) { key label count } }';
    const zh = await post(COUNTS);
    const en = await post(COUNTS, 'en-US,en;q=0.9');
    const labels = (res: typeof zh) =>
      Object.fromEntries(
        res.data.organizationCounts.map((c: { key: string; label: string }) => [c.key, c.label]),
      );
    const counts = (res: typeof zh) =>
      res.data.organizationCounts.map((c: { key: string; count: number }) => [c.key, c.count]);
    expect(labels(zh).ACTIVE).toBe('正常');
    expect(labels(en).ACTIVE).toBe('Active');
    expect(counts(en)).toEqual(counts(zh));

    // A second national federation: the same refusal, worded for each reader.
    const root = graph.plan.organizations.find((o) => o.type === 'NATIONAL_FEDERATION')!;
    const SECOND_ROOT = `mutation { createOrganization(input: {
      name: "第二个全总", type: NATIONAL_FEDERATION, divisionCode: "${root.divisionCode}" }) { id } }`;
    const [zhError, enError] = [
      (await post(SECOND_ROOT)).errors?.[0],
      (await post(SECOND_ROOT, 'en')).errors?.[0],
    ];
    expect([zhError?.message, enError?.message]).toEqual([
      '组织树已有中华全国总工会',
      'the tree already has its national federation',
    ]);
    for (const error of [zhError, enError]) {
      expect(error?.extensions).toMatchObject({
        code: 'CONFLICT',
        field: 'type',
        messageKey: 'organizations.nationalExists',
      });
    }
  });

  it("keeps the other subgraphs' organization directories current", async () => {
    const township = graph.plan.organizations.find((o) => o.type === 'TOWNSHIP_FEDERATION')!;
    const { createOrganization } = await ok(
      `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      {
        input: {
          name: '新建工会',
          type: 'GRASSROOTS',
          divisionCode: township.divisionCode,
          parentId: township._id,
        },
      },
    );
    const members = graph.subgraphs.members!.server;
    await members.directory!.caughtUp();
    const entry = await orgDirectoryModel(members.conn).findById(createOrganization.id).lean();
    expect(entry).toMatchObject({ name: '新建工会', parentId: township._id, version: 1 });
    const { organization } = await ok(`query($id: ID!) { organization(id: $id) { name memberCount } }`, {
      id: createOrganization.id,
    });
    expect(organization).toEqual({ name: '新建工会', memberCount: 0 });
  });
});
