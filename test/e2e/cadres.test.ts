import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

function isoDay(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
}

describe('cadres through the gateway', () => {
  it('holds an election whose chair then appears on the organization', async () => {
    const union = graph.plan.organizations.find(
      (o) => o.type === 'GRASSROOTS' && graph.plan.cadres.some((c) => c.organizationId === o._id),
    )!;
    const seated = graph.plan.cadres.find((c) => c.organizationId === union._id)!;
    const admin = testCallers.orgAdmin(union.parentId!);
    const candidate = graph.plan.members.find(
      (m) => m.organizationId === union._id && m._id !== seated.memberId,
    )!;

    const ended = await graph.query(
      'mutation($id: ID!, $on: Date!) { endCadreTerm(input: { cadreId: $id, endedOn: $on, reason: "换届" }) { status } }',
      { caller: admin, variables: { id: seated._id, on: isoDay(-1) } },
    );
    expect(ended.errors).toBeUndefined();
    const scheduled = await graph.query<{ scheduleElection: { id: string; candidates: { id: string }[] } }>(
      `mutation($input: ScheduleElectionInput!) { scheduleElection(input: $input) { id candidates { id } } }`,
      {
        caller: admin,
        variables: {
          input: {
            organizationId: union._id,
            voteDate: isoDay(0),
            candidates: [{ memberId: candidate._id, position: 'CHAIR', publicityStart: isoDay(-7) }],
          },
        },
      },
    );
    expect(scheduled.errors).toBeUndefined();
    const election = scheduled.data!.scheduleElection;
    const held = await graph.query(
      `mutation($input: RecordElectionResultInput!) { recordElectionResult(input: $input) { status } }`,
      {
        caller: admin,
        variables: {
          input: {
            electionId: election.id,
            eligibleVoters: 30,
            presentVoters: 20,
            tallies: [{ candidateId: election.candidates[0]!.id, votes: 16, elected: true }],
          },
        },
      },
    );
    expect(held.errors).toBeUndefined();

    const org = await graph.query<{
      organization: {
        name: string;
        hasElectedChair: boolean;
        chair: { member: { id: string; name: string } };
      };
    }>(
      'query($id: ID!) { organization(id: $id) { name hasElectedChair chair { source member { id name } } } }',
      { caller: admin, variables: { id: union._id } },
    );
    expect(org.errors).toBeUndefined();
    expect(org.data?.organization).toMatchObject({
      name: union.name,
      hasElectedChair: true,
      chair: { source: 'ELECTED', member: { id: candidate._id, name: candidate.name } },
    });
  });

  it("shows overdue training and late filings in an upper union's reports for its subtree", async () => {
    const DAY = 86_400_000;
    const todayMs = Date.parse(`${isoDay(0)}T00:00:00Z`);
    const orgOf = (id: string) => graph.plan.organizations.find((o) => o._id === id)!;
    // A seated grassroots chair who took office long ago: replaced by a chair who took office 400
    // days ago and was never trained, so R6 flags the new chair as overdue.
    // The last such chair: the election test above replaced the first union's chair.
    const old = graph.plan.cadres.findLast(
      (c) => orgOf(c.organizationId).type === 'GRASSROOTS' && c.termStart.getTime() < todayMs - 500 * DAY,
    )!;
    const union = orgOf(old.organizationId);
    const county = orgOf(union.parentId!);
    const admin = testCallers.orgAdmin(county._id);
    const ended = await graph.query(
      'mutation($id: ID!, $on: Date!) { endCadreTerm(input: { cadreId: $id, endedOn: $on, reason: "调离" }) { status } }',
      { caller: admin, variables: { id: old._id, on: isoDay(-400) } },
    );
    expect(ended.errors).toBeUndefined();
    const appointed = await graph.query<{ appointCadre: { id: string } }>(
      'mutation($input: AppointCadreInput!) { appointCadre(input: $input) { id } }',
      {
        caller: admin,
        variables: {
          input: {
            organizationId: union._id,
            memberId: 'member-e2e-chair',
            position: 'CHAIR',
            termStart: isoDay(-400),
          },
        },
      },
    );
    expect(appointed.errors).toBeUndefined();
    const chairId = appointed.data!.appointCadre.id;
    const late = await graph.query(
      'mutation($input: FileContractChangeInput!) { fileContractChange(input: $input) { late } }',
      {
        caller: testCallers.orgAdmin(union._id),
        variables: {
          input: { cadreId: chairId, kind: 'RESCISSION', effectiveOn: isoDay(-2), lateReason: '未及时报告' },
        },
      },
    );
    expect(late.errors).toBeUndefined();

    const report = await graph.query<{
      chairTraining: {
        totalCount: number;
        nodes: { chair: { id: string }; organization: { id: string; name: string } }[];
      };
      chairTrainingByRegion: { name: string; overdue: number; overdueRate: number }[];
      contractFilings: {
        nodes: { late: boolean; organization: { name: string }; filedWith: { name: string } }[];
      };
    }>(
      `query($id: ID!) {
        chairTraining(organizationId: $id, status: OVERDUE, first: 1000) { totalCount nodes { chair { id } organization { id name } } }
        chairTrainingByRegion(organizationId: $id, level: COUNTY) { name overdue overdueRate }
        contractFilings(organizationId: $id, filter: { late: true }) { nodes { late organization { name } filedWith { name } } }
      }`,
      { caller: admin, variables: { id: county._id } },
    );
    expect(report.errors).toBeUndefined();
    const overdue = report.data!.chairTraining;
    expect(overdue.nodes.map((n) => n.chair.id)).toContain(chairId);
    for (const node of overdue.nodes) {
      expect(orgOf(node.organization.id).path).toContain(county._id);
      expect(node.organization.name).toBe(orgOf(node.organization.id).name);
    }
    expect(report.data!.chairTrainingByRegion.reduce((n, r) => n + r.overdue, 0)).toBe(overdue.totalCount);
    expect(report.data!.contractFilings.nodes).toEqual([
      { late: true, organization: { name: union.name }, filedWith: { name: orgOf(union.parentId!).name } },
    ]);
    // The grassroots union itself cannot read its upper union's report.
    const outside = await graph.query(
      'query($id: ID!) { contractFilings(organizationId: $id) { totalCount } }',
      {
        caller: testCallers.orgAdmin(union._id),
        variables: { id: county._id },
      },
    );
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cadreBreakdown over unions through the gateway (issue #19)', () => {
  interface Table {
    rows: {
      values: { code: string }[];
      count: number | null;
      measures: { measure: string; value: number | null }[];
    }[];
    total: number | null;
  }
  const UNIONS = `query($filter: CadreBreakdownFilter) {
    cadreBreakdown(subject: UNIONS, groupBy: [PROVINCE, STAFFING_STATE], filter: $filter) {
      rows { values { code } count measures { measure value } } total
    }
  }`;
  const unions = (caller: ReturnType<typeof testCallers.national>, filter?: Record<string, unknown>) =>
    graph.query<{ cadreBreakdown: Table }>(UNIONS, { caller, variables: { filter } });
  const sumOf = (t: Table, province: string, measure?: string) =>
    t.rows
      .filter((r) => r.values[0]!.code === province)
      .reduce(
        (n, r) => n + (measure ? (r.measures.find((m) => m.measure === measure)!.value ?? 0) : r.count!),
        0,
      );

  it('answers the deprecated staffingByRegion on the seed, and counts every live union', async () => {
    const root = graph.plan.organizations.find((o) => o.parentId === null)!;
    const national = testCallers.national();
    const all = await unions(national);
    expect(all.errors).toBeUndefined();
    expect(all.data!.cadreBreakdown.total).toBe(
      graph.plan.organizations.filter((o) => !['DISSOLVED', 'MERGED'].includes(o.status)).length,
    );
    const staffed = (await unions(national, { staffingRules: ['R3', 'R4'] })).data!.cadreBreakdown;
    const old = await graph.query<{
      staffingByRegion: { divisionCode: string; federations: number; short: number; fullTimeStaff: number }[];
    }>(
      'query($id: ID!) { staffingByRegion(organizationId: $id, level: PROVINCE) { divisionCode federations short fullTimeStaff } }',
      { caller: national, variables: { id: root._id } },
    );
    expect(old.errors).toBeUndefined();
    expect(old.data!.staffingByRegion.length).toBeGreaterThan(0);
    expect(
      old.data!.staffingByRegion.map((r) => ({
        divisionCode: r.divisionCode,
        federations: sumOf(staffed, r.divisionCode),
        short:
          staffed.rows.find((x) => x.values.map((v) => v.code).join() === `${r.divisionCode},SHORT`)?.count ??
          0,
        fullTimeStaff: sumOf(staffed, r.divisionCode, 'FULL_TIME_STAFF_SUM'),
      })),
    ).toEqual(old.data!.staffingByRegion);
  });

  it('shows an analyst the unions but no staff sum of fewer than k cadres; refuses a member and outside the subtree', async () => {
    const filter = { staffingRules: ['R3', 'R4'] };
    const exact = (await unions(testCallers.national(), filter)).data!.cadreBreakdown;
    const held = (await unions(testCallers.analyst(), filter)).data!.cadreBreakdown;
    const countOf = (t: Table) =>
      Object.fromEntries(t.rows.map((r) => [r.values.map((v) => v.code).join(), r.count]));
    // Unions are registry facts: every count as an administrator reads it.
    expect(countOf(held)).toEqual(countOf(exact));
    const staffOf = (t: Table) =>
      Object.fromEntries(
        t.rows.map((r) => [
          r.values.map((v) => v.code).join(),
          r.measures.find((m) => m.measure === 'FULL_TIME_STAFF_SUM')!.value,
        ]),
      );
    const [shown, all] = [staffOf(held), staffOf(exact)];
    for (const [cell, value] of Object.entries(all)) {
      // Under k: withheld; else shown, or withheld beside such a cell (complementary).
      if (value! > 0 && value! < 5) expect([cell, shown[cell]]).toEqual([cell, null]);
      else expect([cell, shown[cell] ?? value]).toEqual([cell, value]);
    }
    const union = graph.plan.organizations.find((o) => o.type === 'GRASSROOTS')!;
    const member = graph.plan.members.find((m) => m.organizationId === union._id)!;
    const asMember = await unions(testCallers.member(member._id, union._id));
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const root = graph.plan.organizations.find((o) => o.parentId === null)!;
    const outside = await unions(testCallers.orgAdmin(union._id), { organizationId: root._id });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
