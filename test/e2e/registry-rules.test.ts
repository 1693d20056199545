import { makeResidentId } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

const R14 = `query($id: ID!) { organization(id: $id) {
  reportedFemaleMembers memberCount femaleMemberCount committeeProblems
  womenWorkers { registryMembers registryFemaleMembers femaleMembers source duty }
} }`;
const SWEEP = `query($o: ID!) { withdrawalSweep(organizationId: $o) {
  intervalMinutes nextDueAt lastRun { replica proposed }
} }`;

interface R14View {
  organization: {
    reportedFemaleMembers: number | null;
    memberCount: number;
    femaleMemberCount: number;
    committeeProblems: string[];
    womenWorkers: {
      registryMembers: number | null;
      registryFemaleMembers: number | null;
      femaleMembers: number | null;
      source: string;
      duty: string;
    };
  };
}

/** The seeded grassroots union with the most female members in the registry. */
function busiestUnion() {
  const female = new Map<string, number>();
  for (const m of graph.plan.members)
    if (m.gender === 'FEMALE') female.set(m.organizationId, (female.get(m.organizationId) ?? 0) + 1);
  const union = graph.plan.organizations
    .filter((o) => o.type === 'GRASSROOTS' && female.has(o._id))
    .sort((a, b) => female.get(b._id)! - female.get(a._id)!)[0]!;
  return { union, female: female.get(union._id)! };
}

async function r14(id: string) {
  const res = await graph.query<R14View>(R14, { caller: national, variables: { id } });
  expect(res.errors).toBeUndefined();
  return res.data!.organization;
}

describe('R14 and R16 from the registry, through the gateway', () => {
  it('checks the women workers’ duty against the registry’s seeded counts, and follows a new member', async () => {
    const { union, female } = busiestUnion();
    const before = await r14(union._id);
    // Organizations' read model agrees with the registry that members answers from.
    expect(before.womenWorkers).toMatchObject({
      registryFemaleMembers: female,
      registryMembers: before.memberCount,
      femaleMembers: female,
      source: 'REGISTRY',
      duty: female >= 10 ? 'COMMITTEE' : 'MEMBER',
    });
    expect(before.femaleMemberCount).toBe(female);

    const joined = await graph.query<{ registerMember: { id: string } }>(
      `mutation($input: MemberInput!) { registerMember(input: $input) { id } }`,
      {
        caller: testCallers.orgAdmin(union._id),
        variables: {
          input: {
            organizationId: union._id,
            name: '王芳',
            residentId: makeResidentId(union.divisionCode, '1995-08-21', 468),
            joinedAt: '2026-01-05',
          },
        },
      },
    );
    expect(joined.errors).toBeUndefined();
    await graph.settled();
    const after = await r14(union._id);
    expect(after.womenWorkers).toMatchObject({
      registryFemaleMembers: female + 1,
      registryMembers: before.memberCount + 1,
    });
    expect(after.memberCount).toBe(before.memberCount + 1);

    // The committee check lists exactly the unions whose registry figure the rule fails.
    const checks = await graph.query<{
      committeeChecks: { nodes: { organization: { id: string }; problems: string[] }[] };
    }>(`query { committeeChecks(first: 500) { nodes { organization { id } problems } } }`, {
      caller: testCallers.analyst(),
    });
    expect(checks.errors).toBeUndefined();
    const listed = checks.data!.committeeChecks.nodes.find((n) => n.organization.id === union._id);
    expect(listed?.problems ?? []).toEqual(after.committeeProblems);
  });

  it('shows the sweep’s status to administrators and analysts, refusing members and other subtrees', async () => {
    const { union } = busiestUnion();
    const province = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    for (const caller of [national, testCallers.analyst(), testCallers.orgAdmin(province._id)]) {
      const res = await graph.query<{
        withdrawalSweep: { intervalMinutes: number; nextDueAt: string; lastRun: unknown };
      }>(SWEEP, { caller, variables: { o: union._id } });
      expect(res.errors).toBeUndefined();
      // Daily by default; the test graph has not run it yet, so a run is due now.
      expect(res.data!.withdrawalSweep).toMatchObject({ intervalMinutes: 1440, lastRun: null });
      expect(new Date(res.data!.withdrawalSweep.nextDueAt).getTime()).toBeLessThanOrEqual(Date.now());
    }

    const member = graph.plan.members.find((m) => m.organizationId === union._id)!;
    const asMember = await graph.query(SWEEP, {
      caller: testCallers.member(member._id, union._id),
      variables: { o: union._id },
    });
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const sibling = graph.plan.organizations.find((o) => o.type === 'GRASSROOTS' && o._id !== union._id)!;
    const outside = await graph.query(SWEEP, {
      caller: testCallers.orgAdmin(sibling._id),
      variables: { o: union._id },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The review the sweep feeds: nothing proposed before a run, everyone due still pending.
    const REVIEW = `query($o: ID!, $p: Boolean) { duesReview(organizationId: $o, proposed: $p, first: 1000) { totalCount } }`;
    const count = async (p: boolean | null) => {
      const res = await graph.query<{ duesReview: { totalCount: number } }>(REVIEW, {
        caller: testCallers.orgAdmin(province._id),
        variables: { o: province._id, p },
      });
      expect(res.errors).toBeUndefined();
      return res.data!.duesReview.totalCount;
    };
    expect(await count(true)).toBe(0);
    expect(await count(false)).toBe(await count(null));
  });
});
