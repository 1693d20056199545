import { creditCodeProblem, parseResidentId, residentIdProblem } from '@union-graph/domain';
import { loadPlan, planSeed, SCALES, type SeedPlan } from '@union-graph/seed';
import { connectMongo } from '@union-graph/subgraph-kit';
import { testRuntime } from '@union-graph/subgraph-kit/testing';

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

  it('loads through the subgraphs’ models, and a second run adds nothing', async () => {
    const runtime = testRuntime();
    const tiny = planSeed(1, SCALES.tiny!);
    const first = await loadPlan(tiny, runtime, () => undefined);
    for (const [name, s] of Object.entries(first))
      if (!s.missing) expect([name, s.inserted]).toEqual([name, s.planned]);
    const again = await loadPlan(tiny, runtime, () => undefined);
    for (const [name, s] of Object.entries(again)) expect([name, s.inserted]).toEqual([name, 0]);
    const conn = await connectMongo(runtime.mongoUrl, `${runtime.dbPrefix}members`);
    try {
      expect(await conn.collection('members').countDocuments()).toBe(tiny.members.length);
    } finally {
      await conn.close();
    }
  });
});
