import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BenchResult, formatReport, PRESETS, runBench, writeResults } from '@union-graph/bench';
import { readSubgraphList } from '@union-graph/supergraph';

/** The benchmark is not a test; this only proves it runs end to end at the tiny scale (CI). */
describe('npm run bench at the tiny scale', () => {
  let result: BenchResult;

  beforeAll(async () => {
    result = await runBench({ ...PRESETS.tiny!, scale: 'tiny', duration: 0.5 }, { quiet: true });
  }, 120_000);

  it('measures both sides of the gateway and the caching comparison without failed requests', () => {
    for (const load of [
      result.overhead.direct,
      result.overhead.gateway,
      result.caching.plain,
      result.caching.warm,
    ]) {
      expect(load.requests).toBeGreaterThan(0);
      expect(load.failures).toBe(0);
    }
    expect(result.caching.cold.requests).toBeGreaterThan(0);
  });

  it('counts database commands per request for every page size', () => {
    expect(result.nPlusOne.pages.map((p) => p.first)).toEqual([10, 100, 1000]);
    for (const page of result.nPlusOne.pages) {
      expect(page.returned).toBeGreaterThan(0);
      // Only a request's own commands count (marked from its context on): every subgraph asked has some.
      expect(page.commands.organizations).toBeGreaterThan(0);
      expect(page.commands.members).toBeGreaterThan(0);
      expect(page.roundTrips.members).toBeGreaterThan(0);
    }
  });

  it('reports memory of every process and the analyst queries the graph answers', () => {
    const subgraphs = readSubgraphList().map((e) => e.name);
    expect(Object.keys(result.memory).sort()).toEqual(
      [...subgraphs, 'gateway', 'gateway-uncached', 'plain-gateway'].sort(),
    );
    for (const m of Object.values(result.memory)) expect(m.peakMiB).toBeGreaterThanOrEqual(m.restMiB);
    expect(result.analyst.queries.length).toBeGreaterThan(0);
  });

  it('prints all five scenarios with the targets and writes the figures as JSON', () => {
    const text = formatReport(result, 'en');
    // The terminal's language by default: Chinese unless LANG names English.
    expect(formatReport(result, 'zh')).toContain('3. 无 N+1');
    for (const heading of [
      '1. Gateway overhead',
      '2. Caching',
      '3. No N+1',
      '4. Memory',
      '5. Analyst mix',
      'Targets',
    ])
      expect(text).toContain(heading);
    const dir = mkdtempSync(join(tmpdir(), 'bench-results-'));
    try {
      const written = JSON.parse(readFileSync(writeResults(result, dir), 'utf8')) as BenchResult;
      expect(written.targets.map((t) => t.name)).toEqual(result.targets.map((t) => t.name));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
