import { type ChangeEvent, publishChanges, setClock } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { MEMBERS_SUBGRAPH } from '../domain/registry-counts';
import { type OrganizationDoc, SIX_HAVES } from '../models';
import { ORGANIZATION_DIMENSIONS, type OrganizationDimension } from '../statistics';
import { national, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
beforeAll(async () => {
  // Committee terms end, and expire, on this day in China.
  setClock('2026-06-01T04:00:00Z');
  orgs = await startOrgs();
  await seed();
});
afterAll(async () => {
  setClock(null);
  await orgs?.sg.stop();
});

type Facts = {
  org: Pick<OrganizationDoc, '_id' | 'name' | 'type' | 'level' | 'status' | 'divisionCode' | 'path'>;
  /** Criteria not met in the latest assessment; absent: never assessed. */
  missed?: string[];
  /** yyyy-mm-dd the union committee's latest term ends. */
  termEnds?: string;
  review?: string;
  /** Units covered, and whether the first is its own. */
  covers?: { units: number; own: boolean };
  members?: number;
};

const org = (
  _id: string,
  path: string[],
  divisionCode: string,
  type = 'GRASSROOTS',
  level = 'GRASSROOTS',
  name = `${_id}工会`,
  status = 'ACTIVE',
): Facts['org'] => ({ _id, name, type, level, status, divisionCode, path: [...path, _id] });

// 天河区: 五山街道 (440106001) has a street federation named after it; U2 is registered under
// 员村街道's own 9-digit code.
const N = org('N', [], '100000', 'NATIONAL_FEDERATION', 'NATIONAL', '中华全国总工会');
const G = org('G', ['N'], '440000', 'LOCAL_FEDERATION', 'PROVINCE');
const T = org('T', ['N', 'G'], '440106', 'LOCAL_FEDERATION', 'COUNTY');
const S = org('S', ['N', 'G', 'T'], '440106', 'TOWNSHIP_FEDERATION', 'TOWNSHIP', '天河区五山街道总工会');
const H = org('H', ['N'], '410000', 'LOCAL_FEDERATION', 'PROVINCE');
const FACTS: Facts[] = [
  { org: N },
  { org: G },
  { org: T },
  { org: S },
  { org: H },
  {
    org: org('U1', ['N', 'G', 'T', 'S'], '440106'),
    missed: [],
    termEnds: '2027-03-01',
    review: '良好',
    covers: { units: 1, own: true },
    members: 12,
  },
  // Its term ends today: expired.
  { org: org('U2', ['N', 'G', 'T'], '440106002'), termEnds: '2026-06-01', review: '不合格', members: 3 },
  {
    org: org('U3', ['N', 'G'], '440100', 'JOINT_GRASSROOTS'),
    missed: ['SOUND_SYSTEMS'],
    covers: { units: 2, own: false },
    members: 40,
  },
  { org: org('U4', ['N', 'H'], '410102'), missed: ['ELECTED_CHAIR', 'MEMBER_SATISFACTION'], members: 2 },
  // Closed unions are not counted.
  { org: org('X', ['N', 'G', 'T'], '440106', 'GRASSROOTS', 'GRASSROOTS', 'X工会', 'DISSOLVED'), members: 9 },
];

/** Writes the facts straight to the collections, then announces them as their writers do. */
async function seed() {
  const { models } = orgs.sg.server;
  const events: ChangeEvent[] = [];
  const upsert = (type: string, id: string) => events.push({ type, id, op: 'upsert', version: 1 });
  for (const f of FACTS) {
    const { _id } = f.org;
    await models.Organization.create({ ...f.org, parentId: f.org.path.at(-2) ?? null });
    upsert('Organization', _id);
    if (f.missed) {
      await models.SixHavesAssessment.create({
        _id: `${_id}:2025`,
        organizationId: _id,
        year: 2025,
        items: SIX_HAVES.map((criterion) => ({
          criterion,
          met: !f.missed!.includes(criterion),
          evidence: null,
        })),
        compliant: f.missed.length === 0,
        assessor: '评估组',
        assessedBy: 'national-admin',
        assessedOn: new Date('2025-12-01'),
      });
      upsert('SixHavesAssessment', `${_id}:2025`);
    }
    if (f.termEnds) {
      const end = new Date(f.termEnds);
      // An older, expired term first: the latest one decides.
      for (const [years, ago] of [
        [5, 8],
        [5, 5],
      ] as const) {
        const term = await models.CommitteeTerm.create({
          organizationId: _id,
          type: 'UNION_COMMITTEE',
          termStart: new Date(Date.UTC(end.getUTCFullYear() - ago, end.getUTCMonth(), end.getUTCDate())),
          termYears: years,
          seats: 3,
        });
        upsert('CommitteeTerm', term._id);
      }
    }
    if (f.review) {
      for (const [heldOn, outcome] of [
        ['2023-12-01', '优秀'],
        ['2025-12-01', f.review],
      ]) {
        const review = await models.AnnualReview.create({
          organizationId: _id,
          reviewerId: 'T',
          heldOn: new Date(heldOn!),
          outcome,
          notes: null,
          recordedBy: 'admin-T',
        });
        upsert('AnnualReview', review._id);
      }
    }
    for (let i = 0; i < (f.covers?.units ?? 0); i++) {
      await models.Coverage.create({
        unitId: `${_id}-unit${i}`,
        organizationId: _id,
        slotKey: `${_id}:${i + 1}`,
        own: f.covers!.own,
      });
      upsert('HostUnit', `${_id}-unit${i}`);
    }
    if (f.members != null) {
      await models.RegistryCount.create({ _id, members: f.members, femaleMembers: 0, version: 1 });
      upsert('RegistryCount', _id);
    }
  }
  await publishChanges(orgs.sg.server.redis, orgs.sg.server.keyspace, 'organizations', events);
  await orgs.sg.server.caughtUp();
}

const GRASSROOTS = ['GRASSROOTS', 'JOINT_GRASSROOTS'];

/** The code of each dimension a union falls in, worked out here from the facts alone. */
function codesOf(f: Facts): Record<OrganizationDimension, string> {
  const { org: o } = f;
  const guangzhou = o.divisionCode.startsWith('4401');
  const county = o.divisionCode.length === 9 ? o.divisionCode.slice(0, 6) : o.divisionCode;
  const township =
    o.divisionCode.length === 9
      ? o.divisionCode
      : o._id === 'S' || o.path.includes('S')
        ? '440106001'
        : 'unknown';
  const criteria = Object.fromEntries(
    SIX_HAVES.map((c) => [c, f.missed ? (f.missed.includes(c) ? 'NOT_MET' : 'MET') : 'NOT_ASSESSED']),
  );
  return {
    PROVINCE: o._id === 'N' ? 'unknown' : o.divisionCode.slice(0, 2).padEnd(6, '0'),
    CITY: guangzhou ? '440100' : o.divisionCode.startsWith('4101') ? '410100' : 'unknown',
    COUNTY: ['440106', '410102'].includes(county) ? county : 'unknown',
    TOWNSHIP: township,
    ORGANIZATION_TYPE: o.type,
    ...(criteria as Record<(typeof SIX_HAVES)[number], string>),
    SIX_HAVES_COMPLIANCE: f.missed ? (f.missed.length === 0 ? 'COMPLIANT' : 'NOT_COMPLIANT') : 'NOT_ASSESSED',
    COVERAGE: f.covers ? (f.covers.own ? 'OWN_UNIT' : 'JOINT') : 'NO_UNIT',
    COMMITTEE_STATE: f.termEnds ? (f.termEnds > '2026-06-01' ? 'IN_TERM' : 'EXPIRED') : 'NO_COMMITTEE',
    REVIEW_STATE: f.review ? (f.review === '不合格' ? 'FAILED' : 'PASSED') : 'NOT_REVIEWED',
  };
}

/** Per key of the dimensions' codes: unions, members summed, and compliant over grassroots unions. */
function expected(dims: OrganizationDimension[], facts = FACTS.filter((f) => f.org.status === 'ACTIVE')) {
  const out: Record<string, [number, number | null, string]> = {};
  const rates: Record<string, [number, number]> = {};
  for (const f of facts) {
    const codes = codesOf(f);
    const key = dims.map((d) => codes[d]).join('|');
    const [n, members] = out[key] ?? [0, null];
    const [yes, of] = rates[key] ?? [0, 0];
    const grassroots = GRASSROOTS.includes(f.org.type);
    rates[key] = [yes + (grassroots && f.missed?.length === 0 ? 1 : 0), of + (grassroots ? 1 : 0)];
    out[key] = [
      n + 1,
      f.members == null ? members : (members ?? 0) + f.members,
      `${rates[key]![0]}/${rates[key]![1]}`,
    ];
  }
  for (const v of Object.values(out)) if (v[2].endsWith('/0')) v[2] = '-';
  return out;
}

const BREAKDOWN = `query($groupBy: [OrganizationDimension!]!, $filter: OrganizationBreakdownFilter, $top: Int) {
  organizationBreakdown(groupBy: $groupBy, filter: $filter, top: $top) {
    rows {
      values { dimension code label } count suppressed
      measures { measure label kind value rate { numerator denominator } suppressed }
    }
    total measures { measure value suppressed } suppressedCells minimumCount asOf
  }
}`;

interface Measure {
  measure: string;
  value: number | null;
  rate: { numerator: number; denominator: number } | null;
  suppressed: boolean;
}
interface Table {
  rows: { values: { code: string; label: string }[]; count: number | null; measures: Measure[] }[];
  total: number | null;
  measures: Measure[];
  suppressedCells: number;
  minimumCount: number | null;
  asOf: string;
}

async function table(
  groupBy: OrganizationDimension[],
  caller = national,
  filter?: Record<string, unknown>,
): Promise<Table> {
  return (await orgs.ok<{ organizationBreakdown: Table }>(BREAKDOWN, { groupBy, filter }, caller))
    .organizationBreakdown;
}

/** A row as [unions, members (null: none; '-': withheld), compliant/grassroots ('-': none)]. */
const figures = (t: Table) =>
  Object.fromEntries(
    t.rows.map((r) => {
      const [members, rate] = r.measures;
      return [
        r.values.map((v) => v.code).join('|'),
        [
          r.count,
          members!.suppressed ? '-' : members!.value,
          rate!.rate ? `${rate!.rate.numerator}/${rate!.rate.denominator}` : '-',
        ],
      ];
    }),
  );

const analystOf = (orgId: string | null) => ({ id: `analyst-${orgId}`, roles: ['ANALYST' as const], orgId });

describe('organizationBreakdown', () => {
  it('counts every dimension, the members summed and the six-haves rate as the stored facts say', async () => {
    for (const d of ORGANIZATION_DIMENSIONS)
      expect([d, figures(await table([d]))]).toEqual([d, expected([d])]);
    const two = await table(['PROVINCE', 'COVERAGE']);
    expect(figures(two)).toEqual(expected(['PROVINCE', 'COVERAGE']));
    expect(two.total).toBe(9);
    expect(two.measures.map((m) => [m.measure, m.value])).toEqual([
      ['MEMBERS_SUM', 57],
      ['SIX_HAVES_RATE', 1 / 4],
    ]);
    const township = await table(['TOWNSHIP', 'ORGANIZATION_TYPE']);
    expect(township.rows.find((r) => r.values[0]!.code === '440106002')!.values[0]!.label).toBe(
      '天河区员村街道',
    );
  });

  it('labels codes and measures in the caller’s language', async () => {
    const t = await table(['COMMITTEE_STATE']);
    const labels = Object.fromEntries(t.rows.map((r) => [r.values[0]!.code, r.values[0]!.label]));
    expect(labels).toEqual({
      NO_COMMITTEE: '未建委员会',
      IN_TERM: '委员会在任期内',
      EXPIRED: '委员会届期已满',
    });
    const en = await table(['ORGANIZATION_TYPE'], { ...national, language: 'en' });
    expect(en.rows.find((r) => r.values[0]!.code === 'JOINT_GRASSROOTS')!.values[0]!.label).toBe(
      'Joint grassroots union',
    );
  });

  it('counts only the caller’s subtree, or a union of it asked for, and filters', async () => {
    const inGuangdong = FACTS.filter((f) => f.org.status === 'ACTIVE' && f.org.path.includes('G'));
    expect(figures(await table(['COVERAGE'], testCallers.orgAdmin('G')))).toEqual(
      expected(['COVERAGE'], inGuangdong),
    );
    expect(figures(await table(['COVERAGE'], national, { organizationId: 'T' }))).toEqual(
      expected(
        ['COVERAGE'],
        inGuangdong.filter((f) => f.org.path.includes('T')),
      ),
    );
    expect(figures(await table(['PROVINCE'], national, { types: ['JOINT_GRASSROOTS'] }))).toEqual({
      '440000': [1, 40, '0/1'],
    });
    expect(figures(await table(['PROVINCE'], national, { provinceCodes: ['410000'] }))).toEqual({
      '410000': [2, 2, '0/1'],
    });
  });

  it('refuses members, unions outside the subtree and bad arguments with stable codes', async () => {
    const member = testCallers.member('m1', 'U1');
    expect(await orgs.fails(BREAKDOWN, { groupBy: ['PROVINCE'] }, member)).toMatchObject({
      code: 'FORBIDDEN',
    });
    const outside = await orgs.fails(
      BREAKDOWN,
      { groupBy: ['PROVINCE'], filter: { organizationId: 'H' } },
      testCallers.orgAdmin('G'),
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(outside.code);
    expect(await orgs.fails(BREAKDOWN, { groupBy: [] })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'groupBy',
    });
    expect(await orgs.fails(BREAKDOWN, { groupBy: ['PROVINCE'], top: 0 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'top',
    });
  });

  it('shows an analyst every union counted, but no members summed over fewer than 5 persons', async () => {
    const t = await table(['PROVINCE'], analystOf(null));
    expect(t.minimumCount).toBe(5);
    // Henan's 2 members are under k; the other provinces' 55 are withheld with them, lest the
    // total of 57 give the 2 away; the unknown province (the national federation) has none.
    expect(figures(t)).toEqual({
      '440000': [6, '-', '1/3'],
      '410000': [2, '-', '0/1'],
      unknown: [1, null, '-'],
    });
    expect(t.measures[0]).toMatchObject({ value: 57, suppressed: false });
    // Guangdong by coverage: NO_UNIT sums U2's 3 persons, and the smaller other sum goes with it.
    expect(figures(await table(['COVERAGE'], analystOf('G')))).toEqual({
      NO_UNIT: [4, '-', '0/1'],
      OWN_UNIT: [1, '-', '1/1'],
      JOINT: [1, 40, '0/1'],
    });
  });

  it('shows a new union and a new registry count once their events are applied, and says as of when', async () => {
    const before = (await table(['ORGANIZATION_TYPE'])).rows.find((r) => r.values[0]!.code === 'GRASSROOTS')!;
    const created = await orgs.create({
      name: '天河区新建工会',
      divisionCode: '440106',
      parentId: 'T',
      type: 'GRASSROOTS',
    });
    await publishChanges(orgs.sg.server.redis, orgs.sg.server.keyspace, MEMBERS_SUBGRAPH, [
      {
        type: 'RegistryCount',
        id: created.id,
        op: 'upsert',
        version: 1,
        data: { members: 6, femaleMembers: 2 },
      },
    ]);
    const asked = Date.now();
    await orgs.sg.server.caughtUp();
    const after = await table(['ORGANIZATION_TYPE']);
    const row = after.rows.find((r) => r.values[0]!.code === 'GRASSROOTS')!;
    expect(row.count).toBe(before.count! + 1);
    expect(row.measures[0]!.value).toBe(before.measures[0]!.value! + 6);
    expect(Date.parse(after.asOf)).toBeGreaterThanOrEqual(asked);
  });
});
