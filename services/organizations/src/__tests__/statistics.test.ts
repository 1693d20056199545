import { type ChangeEvent, publishChanges, setClock } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { MEMBERS_SUBGRAPH } from '../domain/registry-counts';
import { GRASSROOTS_UNION_TYPES } from '../domain/tree';
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
  /** Criteria not met in the latest assessment (2025); absent: never assessed. */
  missed?: string[];
  /** Criteria not met in the 2024 assessment; absent: not assessed that year. */
  earlier?: string[];
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
    earlier: ['SERVICE_CARRIERS'],
    termEnds: '2027-03-01',
    review: '良好',
    covers: { units: 1, own: true },
    members: 12,
  },
  // Its term ends today: expired.
  { org: org('U2', ['N', 'G', 'T'], '440106002'), termEnds: '2026-06-01', review: '不合格', members: 3 },
  {
    org: org('U3', ['N', 'G'], '440100', 'JOINT_GRASSROOTS'),
    // Marked as the records show them (no committee, review or disclosure): its marks agree.
    missed: ['SOUND_SYSTEMS', 'SOUND_STRUCTURE'],
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
    for (const [year, missed] of [
      [2025, f.missed],
      [2024, f.earlier],
    ] as const) {
      if (!missed) continue;
      await models.SixHavesAssessment.create({
        _id: `${_id}:${year}`,
        organizationId: _id,
        year,
        items: SIX_HAVES.map((criterion) => ({
          criterion,
          met: !missed.includes(criterion),
          evidence: null,
        })),
        compliant: missed.length === 0,
        assessor: '评估组',
        assessedBy: 'national-admin',
        assessedOn: new Date(`${year}-12-01`),
      });
      upsert('SixHavesAssessment', `${_id}:${year}`);
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

/** Read per year, or checked against the records: their own tests below. */
type PlainDimension = Exclude<OrganizationDimension, 'ASSESSMENT_YEAR' | 'SIX_HAVES_CHECK'>;
const PLAIN_DIMENSIONS = ORGANIZATION_DIMENSIONS.filter(
  (d): d is PlainDimension => d !== 'ASSESSMENT_YEAR' && d !== 'SIX_HAVES_CHECK',
);

/** The code of each dimension a union falls in, worked out here from the facts alone. */
function codesOf(f: Facts): Record<PlainDimension, string> {
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
function expected(dims: PlainDimension[], facts = FACTS.filter((f) => f.org.status === 'ACTIVE')) {
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
    total measures { measure value rate { numerator denominator } suppressed } suppressedCells minimumCount asOf
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

/** [code of each dimension joined by '|', count] for every row. */
const counts = (t: Table) =>
  Object.fromEntries(t.rows.map((r) => [r.values.map((v) => v.code).join('|'), r.count]));

/** A rate measure of each row as 'numerator/denominator' ('-' when it has no denominator). */
const rates = (t: Table, measure: string) =>
  Object.fromEntries(
    t.rows.map((r) => {
      const m = r.measures.find((x) => x.measure === measure)!;
      return [
        r.values.map((v) => v.code).join('|'),
        m.rate ? `${m.rate.numerator}/${m.rate.denominator}` : '-',
      ];
    }),
  );

const COMPLIANCE = `query($year: Int!) { sixHavesCompliance(year: $year, by: PROVINCE) {
  byRegion { divisionCode unions assessed compliant } } }`;
const DISAGREEMENTS = `query($year: Int!) { sixHavesDisagreements(organizationId: "N", year: $year, by: PROVINCE) {
  byRegion { divisionCode assessed disagreeing byCriterion { criterion count } } } }`;

type Region = Record<string, number | string | { criterion: string; count: number }[]>;

/** The old reports' figures per province, as `organizationBreakdown` answers them for a year. */
async function fromBreakdown(year: number) {
  const filter = { assessmentYears: [year], types: GRASSROOTS_UNION_TYPES };
  const compliance = await table(['PROVINCE', 'SIX_HAVES_COMPLIANCE'], national, filter);
  const checks = await table(['PROVINCE'], national, filter);
  const provinces = [...new Set(compliance.rows.map((r) => r.values[0]!.code))].sort();
  const n = (p: string, c: string) =>
    compliance.rows.find((r) => r.values.map((v) => v.code).join('|') === `${p}|${c}`)?.count ?? 0;
  const rateOf = (p: string, m: string) =>
    checks.rows.find((r) => r.values[0]!.code === p)!.measures.find((x) => x.measure === m)!.rate;
  return {
    compliance: provinces.map((p) => ({
      divisionCode: p,
      unions: n(p, 'COMPLIANT') + n(p, 'NOT_COMPLIANT') + n(p, 'NOT_ASSESSED'),
      assessed: n(p, 'COMPLIANT') + n(p, 'NOT_COMPLIANT'),
      compliant: n(p, 'COMPLIANT'),
    })),
    disagreements: provinces
      .filter((p) => rateOf(p, 'DISAGREEMENT_RATE'))
      .map((p) => ({
        divisionCode: p,
        assessed: rateOf(p, 'DISAGREEMENT_RATE')!.denominator,
        disagreeing: rateOf(p, 'DISAGREEMENT_RATE')!.numerator,
        byCriterion: SIX_HAVES.map((criterion) => ({
          criterion,
          count: rateOf(p, `${criterion}_DISAGREEMENT_RATE`)!.numerator,
        })),
      })),
  };
}

/** The old reports for a year, by province, as they compute the figures themselves. */
async function fromReports(year: number) {
  const c = await orgs.ok<{ sixHavesCompliance: { byRegion: Region[] } }>(COMPLIANCE, { year });
  const d = await orgs.ok<{ sixHavesDisagreements: { byRegion: Region[] } }>(DISAGREEMENTS, { year });
  // The report leaves a township code the division table lacks (U2's) as a region of its own.
  const compliance = new Map<string, Region>();
  for (const r of c.sixHavesCompliance.byRegion) {
    const code = `${String(r.divisionCode).slice(0, 2)}0000`;
    const held = compliance.get(code);
    compliance.set(code, {
      divisionCode: code,
      ...Object.fromEntries(
        (['unions', 'assessed', 'compliant'] as const).map((k) => [k, Number(r[k]) + Number(held?.[k] ?? 0)]),
      ),
    });
  }
  return { compliance: [...compliance.values()], disagreements: d.sixHavesDisagreements.byRegion };
}

describe('organizationBreakdown by assessment year, and the assessments checked against the records (R5)', () => {
  it('counts every active union once per year grouped by, assessed that year or not', async () => {
    const t = await table(['ASSESSMENT_YEAR', 'SIX_HAVES_COMPLIANCE']);
    // U1 was assessed in both years, U3 and U4 in 2025 only; nine active unions in each year.
    expect(counts(t)).toEqual({
      '2024|NOT_COMPLIANT': 1,
      '2024|NOT_ASSESSED': 8,
      '2025|COMPLIANT': 1,
      '2025|NOT_COMPLIANT': 2,
      '2025|NOT_ASSESSED': 6,
    });
    expect(t.total).toBe(18);
    expect(t.rows.find((r) => r.values[0]!.code === '2024')!.values[0]!.label).toBe('2024年度');
    expect(rates(t, 'SIX_HAVES_RATE')).toMatchObject({
      '2024|NOT_COMPLIANT': '0/1',
      '2025|COMPLIANT': '1/1',
    });
    // Each union's members would be summed once per year: no such total is shown.
    expect(t.measures[0]).toMatchObject({ measure: 'MEMBERS_SUM', value: null, suppressed: true });
    expect(t.measures[1]!.rate).toEqual({ numerator: 1, denominator: 8 });
  });

  it('reads a year asked for: each criterion, compliance and the rate as of that year’s assessment', async () => {
    const y2024 = await table(['SERVICE_CARRIERS', 'SOUND_SYSTEMS'], national, { assessmentYears: [2024] });
    expect(counts(y2024)).toEqual({ 'NOT_MET|MET': 1, 'NOT_ASSESSED|NOT_ASSESSED': 8 });
    // The latest assessment (2025) says otherwise for U1.
    expect(counts(await table(['SERVICE_CARRIERS', 'SOUND_SYSTEMS']))).toEqual({
      'MET|MET': 2,
      'MET|NOT_MET': 1,
      'NOT_ASSESSED|NOT_ASSESSED': 6,
    });
    expect(y2024.measures.map((m) => [m.measure, m.value])).toContainEqual(['SIX_HAVES_RATE', 0]);
    expect(y2024.measures[0]).toMatchObject({ measure: 'MEMBERS_SUM', value: 57, suppressed: false });
    // A year nobody was assessed in: every union not assessed, as sixHavesCompliance counts it.
    const y2023 = await table(['SIX_HAVES_COMPLIANCE'], national, { assessmentYears: [2023] });
    expect(counts(y2023)).toEqual({ NOT_ASSESSED: 9 });
    expect(y2023.measures[1]!.rate).toEqual({ numerator: 0, denominator: 4 });
  });

  it('gives the figures of sixHavesCompliance (MARKS) and sixHavesDisagreements for each year', async () => {
    for (const year of [2023, 2024, 2025]) {
      const [breakdown, reports] = [await fromBreakdown(year), await fromReports(year)];
      expect([year, breakdown.compliance]).toEqual([year, reports.compliance]);
      expect([year, breakdown.disagreements]).toEqual([year, reports.disagreements]);
    }
  });

  it('checks each assessment against the records: U1 and U4 contradicted, U3 as the records show', async () => {
    expect(counts(await table(['SIX_HAVES_CHECK']))).toEqual({ DISAGREES: 2, AGREES: 1, NOT_ASSESSED: 6 });
    const t = await table(['PROVINCE'], national, { assessmentYears: [2025] });
    // No committee of funds audit and no union-affairs disclosure anywhere: U1 and U4 marked
    // both met; the other sources sent nothing, so their haves contradict nothing.
    expect(rates(t, 'DISAGREEMENT_RATE')).toEqual({ '440000': '1/2', '410000': '1/1', unknown: '-' });
    expect(rates(t, 'SOUND_STRUCTURE_DISAGREEMENT_RATE')).toMatchObject({ '440000': '1/2', '410000': '1/1' });
    expect(rates(t, 'ELECTED_CHAIR_DISAGREEMENT_RATE')).toMatchObject({ '440000': '0/2', '410000': '0/1' });
    const y2024 = await table(['SIX_HAVES_CHECK'], national, { assessmentYears: [2024] });
    expect(counts(y2024)).toEqual({ DISAGREES: 1, NOT_ASSESSED: 8 });
    expect(y2024.rows.find((r) => r.values[0]!.code === 'DISAGREES')!.values[0]!.label).toBe(
      '评估与事实不符',
    );
  });

  it('checks again when the records change: a disclosure here, a snapshot another subgraph sent', async () => {
    const { models, redis, keyspace } = orgs.sg.server;
    const disclosure = await models.UnionDisclosure.create({
      organizationId: 'U1',
      subject: 'FINANCES',
      channel: 'NOTICE_BOARD',
      title: '2025年度经费收支公开',
      disclosedOn: new Date('2025-12-20'),
      recordedBy: 'admin-U1',
    });
    await publishChanges(redis, keyspace, 'organizations', [
      { type: 'UnionDisclosure', id: disclosure._id, op: 'upsert', version: 1 },
    ]);
    await orgs.sg.server.caughtUp();
    // U1 reviewed and disclosed in 2025: its SOUND_SYSTEMS mark stands (the congress is unknown).
    const afterDisclosure = await table(['PROVINCE'], national, { assessmentYears: [2025] });
    expect(rates(afterDisclosure, 'SOUND_SYSTEMS_DISAGREEMENT_RATE')).toMatchObject({ '440000': '0/2' });
    expect(rates(afterDisclosure, 'DISAGREEMENT_RATE')).toMatchObject({ '440000': '1/2' });
    // Cadres knows no elected chair of U1: its ELECTED_CHAIR mark is now contradicted.
    await models.SixHavesEvidence.create({
      _id: 'U1:cadres',
      organizationId: 'U1',
      source: 'cadres',
      version: 1,
      asOf: new Date('2026-05-31'),
      facts: { electedChairs: [] },
    });
    await publishChanges(redis, keyspace, 'organizations', [
      { type: 'SixHavesEvidence', id: 'U1', op: 'upsert', version: 1 },
    ]);
    await orgs.sg.server.caughtUp();
    const afterSnapshot = await table(['PROVINCE'], national, { assessmentYears: [2025] });
    expect(rates(afterSnapshot, 'ELECTED_CHAIR_DISAGREEMENT_RATE')).toMatchObject({ '440000': '1/2' });
    for (const year of [2024, 2025]) {
      const [breakdown, reports] = [await fromBreakdown(year), await fromReports(year)];
      expect([year, breakdown.disagreements]).toEqual([year, reports.disagreements]);
    }
  });

  it('groups by the years assessed in the caller’s subtree, and refuses years it cannot read', async () => {
    const henan = await table(['ASSESSMENT_YEAR'], analystOf('H'));
    expect(counts(henan)).toEqual({ '2025': 2 });
    expect(counts(await table(['ASSESSMENT_YEAR'], analystOf('G')))).toEqual({ '2024': 6, '2025': 6 });
    // Asked for, a year is counted even where nobody was assessed in it.
    expect(counts(await table(['ASSESSMENT_YEAR'], analystOf('H'), { assessmentYears: [2024] }))).toEqual({
      '2024': 2,
    });
    for (const assessmentYears of [[1999], [2027], [2024, 2025]])
      expect(
        await orgs.fails(BREAKDOWN, { groupBy: ['PROVINCE'], filter: { assessmentYears } }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.assessmentYears' });
    const outside = await orgs.fails(
      BREAKDOWN,
      { groupBy: ['ASSESSMENT_YEAR'], filter: { organizationId: 'G', assessmentYears: [2025] } },
      testCallers.orgAdmin('H'),
    );
    expect(['FORBIDDEN', 'NOT_FOUND']).toContain(outside.code);
  });
});

describe('organizationBreakdown', () => {
  it('counts every dimension, the members summed and the six-haves rate as the stored facts say', async () => {
    for (const d of PLAIN_DIMENSIONS) expect([d, figures(await table([d]))]).toEqual([d, expected([d])]);
    const two = await table(['PROVINCE', 'COVERAGE']);
    expect(figures(two)).toEqual(expected(['PROVINCE', 'COVERAGE']));
    expect(two.total).toBe(9);
    expect(two.measures.slice(0, 2).map((m) => [m.measure, m.value])).toEqual([
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
