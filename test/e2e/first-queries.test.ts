import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCALES } from '@union-graph/seed';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

// biome-ignore lint/suspicious/noExplicitAny: tests read response data by path
type Data = Record<string, any>;

/** The README's first queries, read from the README itself so the two cannot drift apart. */
function firstQueries(): Map<string, string> {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.split(/^## First queries$/m)[1]?.split(/^## /m)[0] ?? '';
  const queries = new Map<string, string>();
  for (const [, query] of section.matchAll(/```graphql\n([\s\S]*?)```/g)) {
    queries.set(/^query (\w+)/.exec(query!)?.[1] ?? '(unnamed)', query!);
  }
  return queries;
}

const sum = (rows: Data[], field: string) => rows.reduce((a, r) => a + r[field], 0);

/**
 * What makes each answer non-trivial on the small demo data: figures that are not all zero, and
 * a finding — not everything compliant.
 */
const FINDINGS: Record<string, (d: Data) => void> = {
  SixHavesByProvince: ({ sixHavesCompliance: r, fromRecords, sixHavesDisagreements: d }) => {
    expect(fromRecords.total.rate).toBeLessThan(r.total.rate);
    expect(d.total.disagreeing).toBeGreaterThan(0);
    expect(d.total.disagreeing).toBeLessThan(d.total.assessed);
    expect(r.total.assessed).toBeGreaterThan(0);
    expect(r.total.compliant).toBeLessThan(r.total.unions);
    expect(r.byRegion.some((p: Data) => p.meetsGoal)).toBe(true);
    expect(r.byRegion.some((p: Data) => !p.meetsGoal)).toBe(true);
  },
  UnreviewedUnions: ({ unreviewedOrganizations: r }) => {
    expect(r.totalCount).toBeGreaterThan(0);
    expect(r.nodes[0].name).toMatch(/会/);
  },
  TownshipEarmark: ({ y2024, y2025 }) => {
    for (const y of [y2024, y2025]) expect(y.subsidyTotal).toBeGreaterThan(0);
    expect(y2024.compliant).toBe(false);
    expect(y2024.earmarkedBp).toBeLessThan(y2024.requiredBp);
    expect(y2025.compliant).toBe(true);
  },
  PayrollArrears: ({ allocationCompliance: rows }) => {
    expect(sum(rows, 'received')).toBeGreaterThan(0);
    expect(rows.some((r: Data) => r.shortfall > 0)).toBe(true);
  },
  UnauditedUnions: ({ unauditedOrganizations: r, grassroots }) => {
    expect(r.totalCount).toBeGreaterThan(0);
    expect(r.nodes.every((n: Data) => !n.auditedInTerm)).toBe(true);
    expect(grassroots.totalCount).toBeGreaterThan(r.totalCount);
  },
  ContractDeadlines: ({ collectiveContractReport: r, collectiveContracts: all }) => {
    expect(all.totalCount).toBeGreaterThan(0);
    for (const list of [r.dueForRenewal, r.filingOverdue, r.expired]) expect(list.length).toBeGreaterThan(0);
    expect(r.filingOverdue.length + r.expired.length).toBeLessThan(all.totalCount);
  },
  CollectiveDisputes: ({ collectiveDisputes: r, laborAlerts: alerts }) => {
    expect(r.totalCount).toBeGreaterThan(0);
    expect(alerts.totalCount).toBeGreaterThan(0);
    const late = r.nodes.filter((n: Data) => n.reportedLate).length;
    expect(late).toBeGreaterThan(0);
    expect(late).toBeLessThan(r.nodes.length);
    expect(r.nodes.some((n: Data) => n.takenOverBy)).toBe(true);
  },
  WorkersCongresses: ({ workersCongresses: rows }) => {
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((c: Data) => !c.quorumReached)).toBe(true);
    expect(rows.some((c: Data) => c.quorumReached)).toBe(true);
  },
  CoverageByProvince: ({ coverageByRegion: rows }) => {
    expect(sum(rows, 'coveredUnits')).toBeGreaterThan(0);
    expect(sum(rows, 'coveredUnits')).toBeLessThan(sum(rows, 'units'));
  },
  SectoralCoverage: ({ sectoralCoverageReport: r }) => {
    expect(r.contracts).toBeGreaterThan(0);
    expect(r.workers).toBeGreaterThanOrEqual(r.units);
    expect(sum(r.byRegion, 'units')).toBe(r.units);
  },
  RightsProtectionFund: ({ fundAccountOf: a }) => {
    expect(a.spending).toBeGreaterThan(0);
    expect(a.balance).toBe(a.income - a.spending);
    expect(a.postings.nodes.map((p: Data) => p.kind)).toContain('CADRE_SUBSIDY');
  },
  ChairTraining: ({ chairTrainingByRegion: rows }) => {
    expect(sum(rows, 'trained')).toBeGreaterThan(0);
    expect(sum(rows, 'overdue')).toBeGreaterThan(0);
  },
};

let graph: TestGraph;
beforeAll(async () => {
  // The data `npm start` seeds: the small scale and the CLI's default seed.
  graph = await startTestGraph({ seed: 2014, scale: SCALES.small! });
});
afterAll(() => graph?.stop());

describe('the README’s first queries on the small demo data', () => {
  const queries = firstQueries();

  it('are twelve, each with a check of its finding', () => {
    expect(queries.size).toBe(12);
    expect([...queries.keys()].sort()).toEqual(Object.keys(FINDINGS).sort());
  });

  it.each([...queries.entries()])('%s answers with figures and findings', async (name, query) => {
    const res = await graph.query<Data>(query, { caller: testCallers.national() });
    expect(res.errors).toBeUndefined();
    FINDINGS[name]!(res.data!);
  });
});
