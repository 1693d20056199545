import {
  askGraph,
  type Cells,
  ferretDbSide,
  formatStatistics,
  questionName,
  SEED,
  STATISTICS_QUESTIONS,
  type StatisticsResult,
  seededStack,
  statisticsScenario,
} from '@union-graph/bench';
import { planSeed, SCALES, type SeedPlan } from '@union-graph/seed';

/**
 * The statistics scenario's machinery at the tiny scale: the graph's breakdowns and the FerretDB
 * aggregations it is compared with must count alike, cell by cell, or the ratio means nothing.
 */
describe('bench statistics scenario at the tiny scale', () => {
  let plan: SeedPlan;
  let stack: Awaited<ReturnType<typeof seededStack>>;
  let result: StatisticsResult;

  beforeAll(async () => {
    plan = planSeed(SEED, SCALES.tiny!);
    stack = await seededStack(plan, 'tiny', undefined, true);
    result = await statisticsScenario({ stack, settings: { samples: 1 } });
  }, 180_000);

  afterAll(() => stack?.stop());

  it('counts every cell of every question alike on both sides (an administrator reads them unsuppressed)', async () => {
    const ferret = await ferretDbSide(stack);
    try {
      for (const q of STATISTICS_QUESTIONS) {
        const graph = await askGraph(stack.uncachedGateway.url, stack.token, q);
        const counted = await ferret.ask(q);
        if (graph === 'missing' || counted?.cells == null)
          throw new Error(`${questionName(q)} has no answer`);
        expect([questionName(q), graph.cells]).toEqual([questionName(q), counted.cells]);
        // Both sides count every planned member, once.
        const sum = (cells: Cells) => [...cells.values()].reduce<number>((n, c) => n + (c ?? 0), 0);
        expect(sum(counted.cells)).toBe(plan.members.length);
        expect(graph.total).toBe(plan.members.length);
        expect(graph.cells.size).toBeGreaterThan(1);
      }
    } finally {
      await ferret.close();
    }
  });

  it('times the ten questions as the analyst, who gets small cells withheld, and agrees with FerretDB', () => {
    expect(result.skipped).toEqual([]);
    expect(result.questions.map((q) => q.name)).toEqual(STATISTICS_QUESTIONS.map(questionName));
    expect(result.questions).toHaveLength(10);
    for (const q of result.questions) {
      expect(q.agrees).toBe(true);
      expect(q.ferretDbStopped).toBe(false);
      expect(q.p50).toBeGreaterThan(0);
      expect(q.p95).toBeGreaterThanOrEqual(q.p50);
      expect(q.ferretDbMs).toBeGreaterThan(0);
      expect(q.ratio).toBeCloseTo(q.ferretDbMs! / q.p50);
    }
    // A tiny seed spreads a few dozen members over many cells: k = 5 withholds some of them.
    expect(result.questions.some((q) => q.suppressed > 0)).toBe(true);
    expect(result.overall.requests).toBe(10 * 4);
    expect(result.overall.p95).toBeGreaterThanOrEqual(result.overall.p50);
  });

  it("reports the members subgraph's read-model memory and prints the table", () => {
    expect(result.readModelMiB.members).toBeGreaterThan(0);
    const text = formatStatistics(
      result,
      (m) => m.render('en'),
      (title, head, rows) => [title, head.join(' '), ...rows.map((r) => r.join(' '))].join('\n'),
    ).join('\n');
    expect(text).toContain('8. Statistics');
    expect(text).toContain('memberBreakdown: PROVINCE × GENDER');
    expect(text).toMatch(/members \d+\.\d MiB/);
  });
});
