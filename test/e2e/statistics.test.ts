import { division } from '@union-graph/domain';
import { type Caller, today } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { type Data, startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const BREAKDOWN = `query($groupBy: [MemberDimension!]!, $filter: MemberBreakdownFilter) {
  memberBreakdown(groupBy: $groupBy, filter: $filter) {
    rows { values { dimension code label } count suppressed }
    total suppressedCells minimumCount asOf
  }
}`;

/** Whole years from a resident ID's birth date to today in China, banded as the schema says. */
function ageBand(residentId: string): string {
  const birth = Number(residentId.slice(6, 14));
  const now = Number(today().toISOString().slice(0, 10).replaceAll('-', ''));
  const age = Math.floor((now - birth) / 10_000);
  return age < 25
    ? 'UNDER_25'
    : age < 35
      ? 'FROM_25_TO_34'
      : age < 45
        ? 'FROM_35_TO_44'
        : age < 55
          ? 'FROM_45_TO_54'
          : 'FROM_55';
}

/** Each dimension's code for every planned member, computed from the seed plan alone. */
function planned(): Record<string, string>[] {
  const orgs = new Map(graph.plan.organizations.map((o) => [o._id, o]));
  return graph.plan.members.map((m) => {
    const org = orgs.get(m.organizationId)!;
    const d = division(org.divisionCode) ?? division(org.divisionCode.slice(0, 6));
    const joined = m.joinedAt.toISOString();
    return {
      PROVINCE: d?.provinceCode || 'unknown',
      CITY: d?.cityCode ?? 'unknown',
      COUNTY: d?.level === 'COUNTY' ? d.code : 'unknown',
      ORGANIZATION_TYPE: org.type,
      GENDER: m.gender,
      AGE_BAND: ageBand(m.residentId),
      MIGRANT_WORKER: String(m.migrantWorker ?? false),
      STATUS: m.status,
      JOIN_YEAR: joined.slice(0, 4),
      JOIN_MONTH: joined.slice(0, 7),
    };
  });
}

function tally(rows: Record<string, string>[], dims: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) {
    const key = dims.map((d) => r[d]).join('|');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const breakdown = (caller: Caller, groupBy: string[], filter?: Record<string, unknown>) =>
  graph.query<Data>(BREAKDOWN, { caller, variables: { groupBy, filter } });
const counted = (t: Data) =>
  Object.fromEntries(
    (t.rows as Data[]).map((r) => [(r.values as Data[]).map((v) => v.code).join('|'), r.count]),
  );

describe('member statistics through the gateway', () => {
  it('counts every dimension as the seed plan does', async () => {
    const rows = planned();
    const schema = await graph.ok(`{ __type(name: "MemberDimension") { enumValues { name } } }`);
    const dims: string[] = schema.__type.enumValues.map((v: { name: string }) => v.name);
    expect(dims).toHaveLength(Object.keys(rows[0]!).length);
    for (const d of dims) {
      const t = await graph.ok(BREAKDOWN, { groupBy: [d] });
      expect([d, counted(t.memberBreakdown)]).toEqual([d, tally(rows, [d])]);
      expect(t.memberBreakdown.total).toBe(rows.length);
    }
  });

  it('gives an analyst a two-way breakdown with small cells withheld and no margin giving one away', async () => {
    const analyst = testCallers.analyst();
    const dims: string[] = ['ORGANIZATION_TYPE', 'GENDER'];
    const res = await breakdown(analyst, dims);
    expect(res.errors).toBeUndefined();
    const t = res.data!.memberBreakdown;
    const expected = tally(planned(), dims);
    expect(t).toMatchObject({ total: graph.plan.members.length, minimumCount: 5 });
    expect(Date.parse(t.asOf)).toBeLessThanOrEqual(Date.now());
    const got = counted(t);
    expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
    for (const [key, n] of Object.entries(got)) {
      if (n === null) continue;
      expect([key, n]).toEqual([key, expected[key]]);
      expect(n).toBeGreaterThanOrEqual(5);
    }
    // Every cell under 5 is withheld; no row or column holds exactly one withheld cell beside
    // cells shown (a line of one cell has a total under 5, withheld in its own table).
    expect(Object.values(expected).filter((n) => n < 5).length).toBeGreaterThan(0);
    for (const [key, n] of Object.entries(expected)) if (n < 5) expect([key, got[key]]).toEqual([key, null]);
    expect(t.suppressedCells).toBe(Object.values(got).filter((n) => n === null).length);
    for (const free of [0, 1]) {
      const lines = new Map<string, (number | null)[]>();
      for (const [key, n] of Object.entries(got)) {
        const line = key.split('|')[1 - free]!;
        lines.set(line, [...(lines.get(line) ?? []), n]);
      }
      for (const [line, cells] of lines) {
        const hidden = cells.filter((n) => n === null).length;
        expect([line, hidden === 1 && cells.length > 1]).toEqual([line, false]);
      }
    }
    expect(t.rows[0].values[0].label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('refuses a member, and a union administrator asking outside the subtree', async () => {
    const member = graph.plan.members[0]!;
    const asMember = await breakdown(testCallers.member(member._id, member.organizationId), ['GENDER']);
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const unions = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS');
    const [mine, other] = [unions[0]!, unions[1]!];
    const admin = testCallers.orgAdmin(mine._id);
    const outside = await breakdown(admin, ['GENDER'], { organizationId: other._id });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Its own breakdown counts its own members only.
    const own = await breakdown(admin, ['GENDER']);
    expect(own.data?.memberBreakdown.total).toBe(
      graph.plan.members.filter((m) => m.organizationId === mine._id).length,
    );
  });
});
