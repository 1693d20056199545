import { testCallers } from '@union-graph/subgraph-kit/testing';
import { type Data, startTestGraph, type TestGraph } from '../support/graph';

/**
 * The six haves from evidence (R5) through the gateway: writes in cadres, funds and worker-services
 * reach organizations' read model as snapshots, the evidence shows beside an assessment's marks, the
 * disagreements are reported by region, and R5's rate is counted either way.
 */
let graph: TestGraph;

const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const YEAR = Number(TODAY.slice(0, 4));

let county: { _id: string; divisionCode: string };
let unionId: string;

const EVIDENCE = `query($id: ID!) { organization(id: $id) { sixHavesEvidence { year compliant
  items { criterion status asOf records { kind id figure } } } } }`;

async function statuses(id: string): Promise<Record<string, string>> {
  const { organization } = await graph.ok(EVIDENCE, { id });
  return Object.fromEntries(organization.sixHavesEvidence.items.map((i: Data) => [i.criterion, i.status]));
}

beforeAll(async () => {
  graph = await startTestGraph();
  county = graph.plan.organizations.find((o) => o.level === 'COUNTY')!;
  const township = graph.plan.organizations.find(
    (o) => o.parentId === county._id && o.type === 'TOWNSHIP_FEDERATION',
  )!;
  // A new union under the street federation, its unit not on record yet.
  const { createOrganization } = await graph.ok(
    `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
    {
      input: {
        name: '中原智能装备有限公司工会委员会',
        type: 'GRASSROOTS',
        parentId: township._id,
        divisionCode: county.divisionCode,
        reportedMembers: 60,
      },
    },
  );
  unionId = createOrganization.id;
  await graph.settled();
});
afterAll(() => graph?.stop());

describe('six haves from evidence through the gateway', () => {
  it('shows what cadres, funds and worker-services know once their writes reach organizations', async () => {
    expect(await statuses(unionId)).toMatchObject({
      ELECTED_CHAIR: 'UNKNOWN',
      SERVICE_CARRIERS: 'UNKNOWN',
      SELF_MANAGED_FUNDS: 'UNKNOWN',
      MEMBER_SATISFACTION: 'UNKNOWN',
    });
    // A chair the employer appointed (no election), a Workers' Home, income in this year's books.
    await graph.ok(`mutation($input: AppointCadreInput!) { appointCadre(input: $input) { id } }`, {
      input: { organizationId: unionId, memberId: 'm-six-chair', position: 'CHAIR', termStart: TODAY },
    });
    const { createWorkersHome } = await graph.ok(
      `mutation($input: CreateWorkersHomeInput!) { createWorkersHome(input: $input) { id } }`,
      {
        input: { organizationId: unionId, name: '智能装备职工之家', kind: 'STANDARD', establishedAt: TODAY },
      },
    );
    await graph.ok(`mutation($input: PostingInput!) { postEntry(input: $input) { id } }`, {
      input: {
        idempotencyKey: 'six-haves-e2e-1',
        postedOn: TODAY,
        lines: [
          { organizationId: unionId, book: 'FUNDS', debit: 360_000 },
          { organizationId: unionId, book: 'INCOME', category: 'OTHER_INCOME', credit: 360_000 },
        ],
      },
    });
    await graph.settled();
    const { organization } = await graph.ok(EVIDENCE, { id: unionId });
    const item = (c: string) => organization.sixHavesEvidence.items.find((i: Data) => i.criterion === c);
    expect(item('ELECTED_CHAIR')).toMatchObject({ status: 'NOT_MET', records: [] });
    expect(item('SERVICE_CARRIERS')).toMatchObject({
      status: 'MET',
      records: [{ kind: 'WORKERS_HOME', id: createWorkersHome.id, figure: null }],
    });
    expect(item('SELF_MANAGED_FUNDS')).toMatchObject({
      status: 'MET',
      records: [{ kind: 'FUND_ACCOUNT', figure: 360_000 }],
    });
    expect(item('MEMBER_SATISFACTION').status).toBe('NOT_MET');
    for (const c of ['ELECTED_CHAIR', 'SERVICE_CARRIERS', 'SELF_MANAGED_FUNDS'])
      expect(Date.parse(item(c).asOf)).not.toBeNaN();
    expect(organization.sixHavesEvidence.compliant).toBe(false);
  });

  it('flags marks the records contradict and reports them by region, to staff of the subtree only', async () => {
    const countyAdmin = testCallers.orgAdmin(county._id);
    // Every have marked met but the funds, in the order the evidence lists them.
    const { organization } = await graph.ok(EVIDENCE, { id: unionId });
    const items = organization.sixHavesEvidence.items.map(({ criterion }: Data) => ({
      criterion,
      met: criterion !== 'SELF_MANAGED_FUNDS',
    }));
    const { recordSixHavesAssessment } = await graph.ok(
      `mutation($input: SixHavesAssessmentInput!) { recordSixHavesAssessment(input: $input) {
        compliant disagreements { criterion marked evidence } } }`,
      {
        input: {
          organizationId: unionId,
          year: YEAR,
          items,
          assessor: '中原区总工会考核组',
          assessedOn: TODAY,
        },
      },
      countyAdmin,
    );
    expect(recordSixHavesAssessment.disagreements).toEqual([
      { criterion: 'ELECTED_CHAIR', marked: true, evidence: 'NOT_MET' },
      { criterion: 'SOUND_STRUCTURE', marked: true, evidence: 'NOT_MET' },
      { criterion: 'SOUND_SYSTEMS', marked: true, evidence: 'NOT_MET' },
      { criterion: 'SELF_MANAGED_FUNDS', marked: false, evidence: 'MET' },
      { criterion: 'MEMBER_SATISFACTION', marked: true, evidence: 'NOT_MET' },
    ]);
    await graph.settled();

    const REPORT = `query($id: ID!) { sixHavesDisagreements(organizationId: $id, year: ${YEAR}, by: COUNTY) {
      total { assessed disagreeing byCriterion { criterion count } organizations { id name } }
      byRegion { divisionCode name disagreeing } } }`;
    const { sixHavesDisagreements } = await graph.ok(REPORT, { id: county._id }, countyAdmin);
    expect(sixHavesDisagreements.total.organizations).toEqual([
      { id: unionId, name: '中原智能装备有限公司工会委员会' },
    ]);
    expect(sixHavesDisagreements.total.byCriterion).toContainEqual({
      criterion: 'SELF_MANAGED_FUNDS',
      count: 1,
    });
    expect(sixHavesDisagreements.byRegion).toEqual([
      expect.objectContaining({ divisionCode: county.divisionCode, disagreeing: 1 }),
    ]);

    const byBasis = (basis: string) =>
      graph.ok(`query { sixHavesCompliance(year: ${YEAR}, by: COUNTY, subtreeOf: "${county._id}", basis: ${basis}) {
        basis total { unions assessed compliant } } }`);
    expect((await byBasis('EVIDENCE')).sixHavesCompliance).toMatchObject({ basis: 'EVIDENCE' });
    expect((await byBasis('MARKS')).sixHavesCompliance.total.assessed).toBeGreaterThanOrEqual(1);

    // A member reads no other union's assessments; staff of another union are outside the subtree.
    const member = testCallers.member('m-six-member', unionId);
    const refused = await graph.query(REPORT, { caller: member, variables: { id: county._id } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Staff of another grassroots union: neither the county nor this union is in their subtree.
    const other = graph.plan.organizations.find((o) => o.type === 'GRASSROOTS')!;
    const outsider = testCallers.orgAdmin(other._id);
    const outside = await graph.query(REPORT, { caller: outsider, variables: { id: county._id } });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const hidden = await graph.query<Data>(EVIDENCE, { caller: outsider, variables: { id: unionId } });
    expect(hidden.data?.organization).toBeNull();
  });
});
