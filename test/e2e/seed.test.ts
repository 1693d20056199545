import { creditCodeProblem, parseResidentId, residentIdProblem } from '@union-graph/domain';
import type { PostingDoc } from '@union-graph/funds/seeding';
import { guangdongSubgraph } from '@union-graph/guangdong';
import { loadPlan, planSeed, SCALES, type SeedPlan } from '@union-graph/seed';
import { connectMongo } from '@union-graph/subgraph-kit';
import { startTestSubgraph, type TestSubgraph, testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

const AS_OF = new Date('2026-06-30T00:00:00Z');
const YEAR = 365 * 86_400_000;

describe('the demo data set', () => {
  let plan: SeedPlan;
  beforeAll(() => {
    plan = planSeed(2014, SCALES.small!);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(JSON.stringify(planSeed(2014, SCALES.small!))).toBe(JSON.stringify(plan));
    expect(planSeed(2015, SCALES.tiny!).members[0]?.name).not.toBe(
      planSeed(2014, SCALES.tiny!).members[0]?.name,
    );
  });

  it('carries valid resident ID numbers whose gender matches, and valid credit codes', () => {
    for (const m of plan.members) {
      expect(residentIdProblem(m.residentId, AS_OF)).toBeNull();
      expect(parseResidentId(m.residentId).gender).toBe(m.gender);
    }
    for (const u of plan.hostUnits) expect(creditCodeProblem(u.creditCode)).toBeNull();
    expect(new Set(plan.hostUnits.map((u) => u.creditCode)).size).toBe(plan.hostUnits.length);
  });

  it('gives every member a distinct resident ID, even where tens of thousands share a county', () => {
    // One county of ~40,000 members: same-day births drawing one sequence number are certain here.
    const crowded = planSeed(2014, { ...SCALES.tiny!, unitsPerCounty: 40, maxMembersPerUnit: 2000 });
    expect(crowded.members.length).toBeGreaterThan(30_000);
    expect(new Set(crowded.members.map((m) => m.residentId)).size).toBe(crowded.members.length);
    for (const m of crowded.members.slice(0, 2000))
      expect(parseResidentId(m.residentId).gender).toBe(m.gender);
  });

  it('covers large units by their own union and small ones by joint unions of at most 50, leaving some uncovered', () => {
    const units = new Map(plan.hostUnits.map((u) => [u._id, u]));
    const perJoint = new Map<string, number>();
    for (const c of plan.coverages) {
      const unit = units.get(c.unitId)!;
      if (c.own) expect(unit.employeeCount).toBeGreaterThanOrEqual(25);
      else {
        expect(unit.employeeCount).toBeLessThan(25);
        perJoint.set(c.organizationId, (perJoint.get(c.organizationId) ?? 0) + 1);
      }
    }
    expect(Math.max(...perJoint.values())).toBeLessThanOrEqual(50);
    const covered = new Set(plan.coverages.map((c) => c.unitId));
    const uncovered = plan.hostUnits.filter((u) => !covered.has(u._id));
    expect(uncovered.some((u) => u.employeeCount < 25)).toBe(true);
    expect(uncovered.some((u) => u.employeeCount >= 25)).toBe(true);
    const sizes = plan.hostUnits.map((u) => u.employeeCount).sort((a, b) => a - b);
    expect(sizes.at(-1)!).toBeGreaterThan(20 * sizes[Math.floor(sizes.length / 2)]!);
  });

  it('elects every chair by the R17 rules', () => {
    const results = new Map(plan.electionResults.map((r) => [r._id, r]));
    for (const chair of plan.cadres) {
      const election = plan.elections.find((e) => e._id === chair.electionId)!;
      const result = results.get(election._id)!;
      expect(result.presentVoters * 3).toBeGreaterThanOrEqual(result.eligibleVoters * 2);
      const won = result.tallies.find((t) => t.elected)!;
      expect(won.votes * 2).toBeGreaterThan(result.eligibleVoters);
      expect(election.candidates.find((c) => c._id === won.candidateId)?.memberId).toBe(chair.memberId);
    }
  });

  it('has chairs with training overdue, and Workers’ Homes at every title stage', () => {
    const trained = new Set(plan.trainings.map((t) => t.cadreId));
    const overdue = plan.cadres.filter(
      (c) => !trained.has(c._id) && AS_OF.getTime() - c.termStart.getTime() > YEAR,
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.length).toBeLessThan(plan.cadres.length / 2);
    const stage = new Map<string, number>();
    for (const t of plan.modelTitles) stage.set(t.homeId, (stage.get(t.homeId) ?? 0) + 1);
    expect(new Set(plan.workersHomes.map((h) => stage.get(h._id) ?? 0))).toEqual(new Set([0, 1, 2, 3, 4]));
  });

  it('files chairs’ contract changes before they take effect, and some late with a reason (R7)', () => {
    const [late, onTime] = [
      plan.contractFilings.filter((f) => f.late),
      plan.contractFilings.filter((f) => !f.late),
    ];
    expect(late.length).toBeGreaterThan(0);
    expect(onTime.length).toBeGreaterThan(late.length);
    for (const f of onTime) expect(f.filedOn.getTime()).toBeLessThan(f.effectiveOn.getTime());
    for (const f of late) {
      expect(f.filedOn.getTime()).toBeGreaterThanOrEqual(f.effectiveOn.getTime());
      expect(f.lateReason).toBeTruthy();
    }
    const chairs = new Map(plan.cadres.map((c) => [c._id, c]));
    const parents = new Map(plan.organizations.map((o) => [o._id, o.parentId]));
    for (const f of plan.contractFilings) {
      expect(chairs.get(f.cadreId)?.position).toBe('CHAIR');
      expect(f.filedWithId).toBe(parents.get(f.organizationId));
    }
  });
});

/** The sum of `net` over a union's FUNDS lines: its balance, as funds computes it. */
function fundsBalance(postings: PostingDoc[], organizationId: string): number {
  return postings
    .flatMap((p) => p.lines)
    .filter((l) => l.organizationId === organizationId && l.book === 'FUNDS')
    .reduce((a, l) => a + l.net, 0);
}

describe('the demo data set loaded and served by the graph', () => {
  let graph: TestGraph;
  let gd: TestSubgraph<unknown>;
  const national = testCallers.national();
  const ok = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const res = await graph.query<T>(query, { caller: national, variables });
    expect(res.errors).toBeUndefined();
    return res.data!;
  };

  beforeAll(async () => {
    // Tiny is Beijing alone; a second province brings in Guangdong for its provincial subgraph.
    graph = await startTestGraph({ scale: { ...SCALES.tiny!, provinces: 2 } });
    gd = (await startTestSubgraph(guangdongSubgraph, graph.runtime)) as TestSubgraph<unknown>;
    await gd.server.directory?.caughtUp();
  });
  afterAll(async () => {
    await gd?.stop();
    await graph?.stop();
  });

  it('books balanced postings whose sums are the balances the graph reports', async () => {
    const { plan } = graph;
    const conn = await connectMongo(graph.runtime.mongoUrl, `${graph.runtime.dbPrefix}funds`);
    let stored: PostingDoc[];
    try {
      stored = await conn.collection<PostingDoc>('postings').find().toArray();
    } finally {
      await conn.close();
    }
    expect(stored).toHaveLength(plan.postings.length);
    expect(new Set(stored.map((p) => p.kind))).toEqual(
      // CADRE_SUBSIDY and RIGHTS_CASE_SUPPORT: payments out of the cadre rights-protection funds.
      new Set([
        'OPENING_BALANCE',
        'PAYROLL_ALLOCATION',
        'DUES',
        'SUBSIDY',
        'GENERAL',
        'CADRE_SUBSIDY',
        'RIGHTS_CASE_SUPPORT',
      ]),
    );
    for (const p of stored) {
      expect([p.idempotencyKey, p.lines.reduce((a, l) => a + l.debit - l.credit, 0)]).toEqual([
        p.idempotencyKey,
        0,
      ]);
      expect(p.total).toBe(p.lines.reduce((a, l) => a + l.debit, 0));
    }

    const receipt = plan.postings.find((p) => p.allocation && p.allocation.shares.length >= 4)!;
    const union = receipt.allocation!.receiverId;
    const expected = fundsBalance(plan.postings, union);
    const data = await ok<{
      organization: { fundAccount: { balance: number } };
      posting: {
        total: number;
        allocation: {
          due: number;
          received: number;
          shares: { organization: { id: string }; amount: number }[];
        };
      };
    }>(
      `query($org: ID!, $p: ID!) {
        organization(id: $org) { fundAccount { balance } }
        posting(id: $p) { total allocation { due received shares { organization { id } amount } } }
      }`,
      { org: union, p: receipt._id },
    );
    expect(expected).toBeGreaterThan(0);
    expect(data.organization.fundAccount.balance).toBe(expected);
    // R13: the levels' shares add up to the receipt to the fen, and every level on the path gets one.
    const { allocation } = data.posting;
    expect(allocation.shares.reduce((a, s) => a + s.amount, 0)).toBe(allocation.received);
    expect(data.posting.total).toBe(allocation.received);
    const path = plan.organizations.find((o) => o._id === union)!.path;
    for (const s of allocation.shares) expect(path).toContain(s.organization.id);
    for (const p of plan.postings.filter((x) => x.allocation)) {
      expect(p.allocation!.shares.reduce((a, s) => a + s.amount, 0)).toBe(p.allocation!.received);
    }
    expect(plan.postings.some((p) => p.allocation && p.allocation.received < p.allocation.due)).toBe(true);
  });

  it('keeps each paying member’s last dues payment, cards and transfers the members subgraph serves', async () => {
    const { plan } = graph;
    const payer = plan.members.find((m) => m.lastDuesPaidAt)!;
    const completed = plan.transfers.find((t) => t.closedAt)!;
    const open = plan.transfers.find((t) => !t.closedAt)!;
    const card = plan.memberCards.find((c) => c.memberId === payer._id)!;
    const TRANSFER = `status member { status organization { id } } steps { step }`;
    const data = await ok<{
      payer: {
        lastDuesPaidAt: string;
        duesPayments: { nodes: { amount: number }[] };
        card: { number: string };
      };
      completed: {
        status: string;
        member: { status: string; organization: { id: string } };
        steps: { step: string }[];
      };
      open: {
        status: string;
        member: { status: string; organization: { id: string } };
        steps: { step: string }[];
      };
    }>(
      `query($m: ID!, $done: ID!, $open: ID!) {
        payer: member(id: $m) { lastDuesPaidAt duesPayments { nodes { amount } } card { number } }
        completed: memberTransfer(id: $done) { ${TRANSFER} }
        open: memberTransfer(id: $open) { ${TRANSFER} }
      }`,
      { m: payer._id, done: completed._id, open: open._id },
    );
    expect(data.payer.lastDuesPaidAt).toBe(payer.lastDuesPaidAt!.toISOString());
    expect(data.payer.duesPayments.nodes.length).toBe(
      plan.duesPayments.filter((d) => d.memberId === payer._id).length,
    );
    expect(data.payer.card.number).toBe(card._id);
    expect(data.completed).toEqual({
      status: 'COMPLETED',
      member: { status: 'ACTIVE', organization: { id: completed.toOrganizationId } },
      steps: ['OPENED', 'ACCEPTED', 'MOVED', 'CLOSED'].map((step) => ({ step })),
    });
    expect(data.open).toEqual({
      status: 'OPEN',
      member: { status: 'TRANSFERRING', organization: { id: open.fromOrganizationId } },
      steps: [{ step: 'OPENED' }],
    });
    expect(plan.memberCards.length).toBeGreaterThan(plan.members.length / 2);
  });

  it('gives members of Guangdong unions 粤工惠 cards and provincial honors in the provincial subgraph', async () => {
    const { plan } = graph;
    const card = plan.gdBenefitCards.find((c) => c.status === 'ACTIVE')!;
    expect(plan.organizations.find((o) => o._id === card.organizationId)?.divisionCode.startsWith('44')).toBe(
      true,
    );
    const res = await gd.request<{
      gdBenefitCard: { cardNumber: string; status: string };
      gdHonors: { totalCount: number };
    }>(`query($n: String!) { gdBenefitCard(cardNumber: $n) { cardNumber status } gdHonors { totalCount } }`, {
      caller: national,
      variables: { n: card.cardNumber },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      gdBenefitCard: { cardNumber: card.cardNumber, status: 'ACTIVE' },
      gdHonors: { totalCount: plan.gdHonors.length },
    });
    expect(plan.gdHonors.length).toBeGreaterThan(0);
  });

  it('serves the contract filings to the upper unions (R7)', async () => {
    const { contractFilings } = await ok<{ contractFilings: { totalCount: number } }>(
      'query($root: ID!) { contractFilings(organizationId: $root) { totalCount } }',
      { root: graph.plan.organizations[0]!._id },
    );
    expect(graph.plan.contractFilings.length).toBeGreaterThan(0);
    expect(contractFilings.totalCount).toBe(graph.plan.contractFilings.length);
  });

  it('adds nothing when loaded again', async () => {
    const again = await loadPlan(graph.plan, graph.runtime, () => undefined);
    const parts = Object.entries(again);
    expect(parts.length).toBe(Object.keys(graph.plan).length);
    for (const [name, s] of parts) expect([name, s.inserted, s.missing]).toEqual([name, 0, undefined]);
  });
});
