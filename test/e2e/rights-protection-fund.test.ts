import type { Caller } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

/** The answer's data: a GraphQL error fails the test, showing the error. */
// biome-ignore lint/suspicious/noExplicitAny: tests read response shapes they just asked for
async function ok(query: string, variables: Record<string, unknown>, caller: Caller): Promise<any> {
  const { data, errors } = await graph.query(query, { caller, variables });
  expect(errors).toBeUndefined();
  return data;
}

/** Cadres' events reach funds' consumer, and what funds relays reaches the gateway's caches. */
async function posted(): Promise<void> {
  await graph.subgraphs.cadres!.server.caughtUp();
  await graph.settled();
}

const FUND = `query($org: ID!) {
  fundAccountOf(organizationId: $org, kind: CADRE_RIGHTS) {
    id kind balance spending
    postings(first: 3) { totalCount nodes { id kind total } }
  }
}`;

describe('the cadre rights-protection fund through the gateway', () => {
  it('a subsidy and approved case support recorded in cadres post to the payer fund in funds', async () => {
    // A part-time grassroots chair of the demo data, and the nearest federation with a fund.
    const holders = new Set(graph.plan.rightsFundAccounts.map((a) => a.organizationId));
    const byId = new Map(graph.plan.organizations.map((o) => [o._id, o]));
    const cadre = graph.plan.cadres.find(
      (c) => !c.fullTime && byId.get(c.organizationId)?.type === 'GRASSROOTS',
    )!;
    const union = byId.get(cadre.organizationId)!;
    const payer = [...union.path].reverse().find((id) => holders.has(id))!;
    const payerAdmin = testCallers.orgAdmin(payer);
    const unionAdmin = testCallers.orgAdmin(union._id);

    const before = (await ok(FUND, { org: payer }, payerAdmin)).fundAccountOf;
    expect(before).toMatchObject({ kind: 'CADRE_RIGHTS' });
    expect(before.balance).toBeGreaterThan(0);

    const subsidy = await ok(
      `mutation($input: RecordCadreSubsidyInput!) { recordCadreSubsidy(input: $input) { id amount } }`,
      {
        input: {
          cadreId: cadre._id,
          paidByOrganizationId: payer,
          period: '2026-10',
          amount: 123_456,
          paidOn: '2026-11-02',
        },
      },
      payerAdmin,
    );
    const opened = await ok(
      `mutation($input: OpenRightsProtectionCaseInput!) { openRightsProtectionCase(input: $input) { id } }`,
      {
        input: {
          cadreId: cadre._id,
          kind: 'PAY_CUT',
          openedOn: '2026-11-03',
          description: '提出工资集体协商要约后岗位工资被下调',
          supportAmount: 250_000,
        },
      },
      unionAdmin,
    );
    const caseId = opened.openRightsProtectionCase.id;
    const APPROVE = `mutation($input: ApproveRightsCaseSupportInput!) { approveRightsCaseSupport(input: $input) { support { amount fundedBy { id } } } }`;
    const approval = { caseId, fundedByOrganizationId: payer, amount: 250_000, approvedOn: '2026-11-10' };

    // The grassroots union may open the case but not spend the federation's fund; nor may an analyst.
    const refused = await graph.query(APPROVE, { caller: unionAdmin, variables: { input: approval } });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const analyst = await graph.query(APPROVE, {
      caller: testCallers.analyst(),
      variables: { input: approval },
    });
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const approved = await ok(APPROVE, { input: approval }, payerAdmin);
    expect(approved.approveRightsCaseSupport.support).toEqual({ amount: 250_000, fundedBy: { id: payer } });

    await posted();

    const after = (await ok(FUND, { org: payer }, payerAdmin)).fundAccountOf;
    expect(after.balance).toBe(before.balance - 123_456 - 250_000);
    expect(after.spending).toBe(before.spending + 373_456);
    expect(after.postings.totalCount).toBe(before.postings.totalCount + 2);
    expect(
      after.postings.nodes
        .slice(0, 2)
        .map((p: { kind: string; total: number }) => [p.kind, p.total])
        .sort(),
    ).toEqual([
      ['CADRE_SUBSIDY', 123_456],
      ['RIGHTS_CASE_SUPPORT', 250_000],
    ]);

    // Each record shows its posting, fetched from funds by the record's key.
    const SHOWN = `query($org: ID!) {
      cadreSubsidies(organizationId: $org, first: 20) { nodes { id posting { id postedOn total } } }
      rightsProtectionCases(organizationId: $org, first: 20) { nodes { id posting { id postedOn total } } }
    }`;
    const shown = await ok(SHOWN, { org: union._id }, payerAdmin);
    expect(
      shown.cadreSubsidies.nodes.find((s: { id: string }) => s.id === subsidy.recordCadreSubsidy.id).posting,
    ).toMatchObject({
      postedOn: '2026-11-02',
      total: 123_456,
    });
    expect(
      shown.rightsProtectionCases.nodes.find((c: { id: string }) => c.id === caseId).posting,
    ).toMatchObject({
      postedOn: '2026-11-10',
      total: 250_000,
    });

    // Outside the federation's subtree the fund is out of sight: its grassroots union sees the
    // subsidy but neither the federation's posting nor its account.
    const below = await ok(SHOWN, { org: union._id }, unionAdmin);
    expect(
      below.cadreSubsidies.nodes.find((s: { id: string }) => s.id === subsidy.recordCadreSubsidy.id).posting,
    ).toBeNull();
    const outside = await graph.query(FUND, { caller: unionAdmin, variables: { org: payer } });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('the seeded subsidies show the postings that paid them', async () => {
    const seeded = graph.plan.cadreSubsidies[0]!;
    const shown = await ok(
      `query($org: ID!) { cadreSubsidies(organizationId: $org, first: 50) { nodes { id amount posting { total kind } } } }`,
      { org: seeded.organizationId },
      testCallers.national(),
    );
    expect(shown.cadreSubsidies.nodes.find((s: { id: string }) => s.id === seeded._id)).toEqual({
      id: seeded._id,
      amount: seeded.amount,
      posting: { total: seeded.amount, kind: 'CADRE_SUBSIDY' },
    });
  });
});
