import { SCALES } from '@union-graph/seed';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

// biome-ignore lint/suspicious/noExplicitAny: tests read response data by path
type Data = Record<string, any>;

let graph: TestGraph;
beforeAll(async () => {
  // Beijing and Guangdong: one province's staff are the other's outsiders.
  graph = await startTestGraph({ scale: { ...SCALES.tiny!, provinces: 2 } });
});
afterAll(() => graph?.stop());

const national = testCallers.national();
const analyst = testCallers.analyst();

function orgOf(type: string, province: string, level?: string) {
  return graph.plan.organizations.find(
    (o) => o.type === type && (!level || o.level === level) && o.divisionCode.startsWith(province),
  )!;
}

async function ok(caller: ReturnType<typeof testCallers.national>, query: string, variables = {}) {
  const res = await graph.query<Data>(query, { caller, variables });
  expect(res.errors).toBeUndefined();
  return res.data!;
}

async function refused(caller: ReturnType<typeof testCallers.national>, query: string, variables = {}) {
  const res = await graph.query<Data>(query, { caller, variables });
  return res.errors?.[0]?.extensions?.code;
}

describe('R3 / R4 staffing through the gateway', () => {
  const SHORT = `query($root: ID!) {
    staffingShortfalls(organizationId: $root) { totalCount nodes { organization { id name } rule shortBy } }
    staffingByRegion(organizationId: $root, level: PROVINCE) { divisionCode name federations short }
  }`;

  it('shows the seeded street federations’ full-time vice-chairs, then the gap when one leaves', async () => {
    const street = orgOf('TOWNSHIP_FEDERATION', '11');
    const county = orgOf('LOCAL_FEDERATION', '11', 'COUNTY');
    const shown = await ok(
      national,
      `query($id: ID!, $county: ID!) {
        street: organization(id: $id) { name staffing { rule applies met fullTimeViceChairs }
          viceChairs { id fullTime member { name } } }
        county: organization(id: $county) { staffing { applies met required } }
      }`,
      { id: street._id, county: county._id },
    );
    expect(shown.street.staffing).toEqual({ rule: 'R3', applies: true, met: true, fullTimeViceChairs: 1 });
    const [vice] = shown.street.viceChairs;
    expect(vice.fullTime).toBe(true);
    expect(vice.member.name).toBeTruthy();
    expect(shown.county.staffing).toEqual({ applies: false, met: true, required: 0 });
    const province = orgOf('LOCAL_FEDERATION', '11', 'PROVINCE');
    const provinceAdmin = testCallers.orgAdmin(province._id);
    const before = await ok(provinceAdmin, SHORT, { root: province._id });
    const listed = (r: Data) => r.staffingShortfalls.nodes.map((n: Data) => n.organization.id);
    expect(listed(before)).not.toContain(street._id);

    // Only writers end a term, and only in their subtree.
    const END = `mutation($id: ID!) { endCadreTerm(input: { cadreId: $id, endedOn: "2026-01-05", reason: "调任区总工会" }) { status } }`;
    expect(await refused(analyst, END, { id: vice.id })).toBe('FORBIDDEN');
    const gdCounty = orgOf('LOCAL_FEDERATION', '44', 'COUNTY');
    expect(await refused(testCallers.orgAdmin(gdCounty._id), END, { id: vice.id })).toBe('NOT_FOUND');
    expect((await ok(testCallers.orgAdmin(county._id), END, { id: vice.id })).endCadreTerm.status).toBe(
      'ENDED',
    );
    await graph.settled();

    const report = await ok(provinceAdmin, SHORT, { root: province._id });
    expect(report.staffingShortfalls.totalCount).toBe(before.staffingShortfalls.totalCount + 1);
    expect(report.staffingShortfalls.nodes).toContainEqual({
      organization: { id: street._id, name: street.name },
      rule: 'R3',
      shortBy: 1,
    });
    const [region] = report.staffingByRegion;
    expect(region).toMatchObject({ divisionCode: '110000', name: '北京市' });
    expect(region.short).toBe((before.staffingByRegion[0]?.short ?? 0) + 1);
    const country = await ok(national, SHORT, { root: graph.plan.organizations[0]!._id });
    expect(listed(country)).toContain(street._id);
    expect(await refused(testCallers.orgAdmin(gdCounty._id), SHORT, { root: province._id })).toBe(
      'FORBIDDEN',
    );
  });
});

describe('subtree lists through the gateway', () => {
  const LISTS = `query($root: ID!) {
    contractFilings(organizationId: $root) { totalCount }
    assistanceCases(organizationId: $root) { totalCount }
    laborAlerts(organizationId: $root) { totalCount }
    collectiveDisputes(organizationId: $root) { totalCount }
  }`;

  it('list a province’s filings, cases, alerts and disputes, and the whole country’s', async () => {
    const { plan } = graph;
    const beijing = orgOf('LOCAL_FEDERATION', '11', 'PROVINCE');
    const union = plan.organizations.find((o) => o.type === 'GRASSROOTS' && o.path.includes(beijing._id))!;
    const raised = await ok(
      testCallers.orgAdmin(union._id),
      `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }`,
      {
        input: {
          organizationId: union._id,
          category: 'WAGE_ARREARS',
          description: '拖欠两个月工资',
          workersAffected: 35,
        },
      },
    );
    expect(raised.raiseLaborAlert.id).toBeTruthy();
    await graph.settled();
    const inBeijing = (organizationId: string) =>
      plan.organizations.find((o) => o._id === organizationId)!.path.includes(beijing._id);

    const all = await ok(national, LISTS, { root: plan.organizations[0]!._id });
    expect(all).toEqual({
      contractFilings: { totalCount: plan.contractFilings.length },
      assistanceCases: { totalCount: plan.assistanceCases.length },
      laborAlerts: { totalCount: plan.laborAlerts.length + 1 },
      collectiveDisputes: { totalCount: plan.collectiveDisputes.length },
    });
    const province = await ok(testCallers.orgAdmin(beijing._id), LISTS, { root: beijing._id });
    expect(province).toEqual({
      contractFilings: { totalCount: plan.contractFilings.filter((f) => inBeijing(f.organizationId)).length },
      assistanceCases: { totalCount: plan.assistanceCases.filter((c) => inBeijing(c.organizationId)).length },
      laborAlerts: { totalCount: plan.laborAlerts.filter((a) => inBeijing(a.organizationId)).length + 1 },
      collectiveDisputes: {
        totalCount: plan.collectiveDisputes.filter((d) => inBeijing(d.organizationId)).length,
      },
    });
    const closed = await ok(
      national,
      `query($root: ID!) { assistanceCases(organizationId: $root, filter: { status: CLOSED }) { totalCount } }`,
      { root: beijing._id },
    );
    const closedInPlan = plan.assistanceCases.filter(
      (c) =>
        inBeijing(c.organizationId) &&
        plan.workflowSteps.some((s) => s.subjectId === c._id && s.step === 'CLOSE'),
    );
    expect(closed.assistanceCases.totalCount).toBe(closedInPlan.length);
    const guangdong = orgOf('LOCAL_FEDERATION', '44', 'PROVINCE');
    expect(await refused(testCallers.orgAdmin(guangdong._id), LISTS, { root: beijing._id })).toBe(
      'FORBIDDEN',
    );
    // Hardship cases are personal data: a member may not list them.
    const member = plan.members.find((m) => m.organizationId === union._id)!;
    expect(
      await refused(
        testCallers.member(member._id, union._id),
        'query($root: ID!) { assistanceCases(organizationId: $root) { totalCount } }',
        {
          root: union._id,
        },
      ),
    ).toBe('FORBIDDEN');
  });
});

describe('§13 assistance service centers through the gateway', () => {
  const CENTER = `query($county: ID!) { organization(id: $county) { assistanceCenters {
    id name phone openingHours caseload { open closed rejected }
    cases(first: 50) { totalCount nodes { id member { name } center { name } } }
  } } }`;

  it('shows the county’s center with its caseload, and routes a new case there', async () => {
    const { plan } = graph;
    const county = orgOf('LOCAL_FEDERATION', '11', 'COUNTY');
    const countyAdmin = testCallers.orgAdmin(county._id);
    const seeded = plan.assistanceCenters.find((c) => c.organizationId === county._id)!;
    const received = plan.assistanceCases.filter((c) => c.centerId === seeded._id);
    const stepsOf = (id: string) => plan.workflowSteps.filter((s) => s.subjectId === id);
    const closed = received.filter((c) => stepsOf(c._id).some((s) => s.step === 'CLOSE')).length;
    const rejected = received.filter((c) => stepsOf(c._id).some((s) => s.passed === false)).length;

    const before = await ok(countyAdmin, CENTER, { county: county._id });
    const [center] = before.organization.assistanceCenters;
    expect(center).toMatchObject({
      id: seeded._id,
      name: seeded.name,
      phone: seeded.phone,
      caseload: { open: received.length - closed - rejected, closed, rejected },
    });
    expect(center.name).toMatch(/职工帮扶服务中心$/);
    expect(center.cases.totalCount).toBe(received.length);
    for (const n of center.cases.nodes) expect(n.center.name).toBe(seeded.name);

    const union = plan.organizations.find((o) => o.type === 'GRASSROOTS' && o.path.includes(county._id))!;
    const member = plan.members.find((m) => m.organizationId === union._id)!;
    const opened = await ok(
      testCallers.orgAdmin(union._id),
      `mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id center { id } } }`,
      {
        input: {
          organizationId: union._id,
          memberId: member._id,
          level: 'ACCIDENTAL',
          causes: ['DISASTER'],
          household: { size: 4, monthlyIncomePerHead: 90_000, description: '家中遭遇水灾' },
        },
      },
    );
    const caseId = opened.openAssistanceCase.id;
    expect(opened.openAssistanceCase.center).toBeNull();
    const ROUTE = `mutation($id: ID!, $center: ID!) { routeAssistanceCase(id: $id, centerId: $center) { center { name } } }`;
    // An analyst may not route; the union's own administrator may not reach the county's center;
    // another province's county sees neither the case nor the center.
    expect(await refused(analyst, ROUTE, { id: caseId, center: seeded._id })).toBe('FORBIDDEN');
    expect(await refused(testCallers.orgAdmin(union._id), ROUTE, { id: caseId, center: seeded._id })).toBe(
      'FORBIDDEN',
    );
    const gdCounty = orgOf('LOCAL_FEDERATION', '44', 'COUNTY');
    expect(await refused(testCallers.orgAdmin(gdCounty._id), ROUTE, { id: caseId, center: seeded._id })).toBe(
      'NOT_FOUND',
    );
    const gdCenter = plan.assistanceCenters.find((c) => c.organizationId === gdCounty._id)!;
    expect(await refused(national, ROUTE, { id: caseId, center: gdCenter._id })).toBe('BAD_USER_INPUT');
    const routed = await ok(countyAdmin, ROUTE, { id: caseId, center: seeded._id });
    expect(routed.routeAssistanceCase.center.name).toBe(seeded.name);
    await graph.settled();

    const after = await ok(countyAdmin, CENTER, { county: county._id });
    expect(after.organization.assistanceCenters[0].caseload.open).toBe(center.caseload.open + 1);
    expect(after.organization.assistanceCenters[0].cases.totalCount).toBe(received.length + 1);
    expect(after.organization.assistanceCenters[0].cases.nodes[0]).toMatchObject({
      id: caseId,
      member: { name: member.name },
    });
  });
});
