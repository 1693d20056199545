import { division, industryDivision, townshipsOf } from '@union-graph/domain';
import { addMonths, type Caller, today } from '@union-graph/subgraph-kit';
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
  const paid = new Map<string, string>();
  for (const p of graph.plan.duesPayments) {
    const day = p.paidAt.toISOString().slice(0, 10);
    if (day > (paid.get(p.memberId) ?? '')) paid.set(p.memberId, day);
  }
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
      ...hostUnitCodes(org.path.map((id) => orgs.get(id)!)),
      DUES_STATUS: duesStatus(m, paid.get(m._id)),
      EDUCATION: m.education ?? 'unknown',
    };
  });
}

type Org = TestGraph['plan']['organizations'][number];
type Member = TestGraph['plan']['members'][number];

/** Issue #19: the nearest township-level union's township, and the host-unit facts of the union. */
function hostUnitCodes(path: Org[]): Record<string, string> {
  const org = path.at(-1)!;
  const township = path.findLast((o) => o.level === 'TOWNSHIP');
  const named = township
    ? townshipsOf(township.divisionCode).filter((t) => township.name.includes(t.name))
    : [];
  return {
    TOWNSHIP: named.sort((a, b) => b.name.length - a.name.length)[0]?.code ?? 'unknown',
    INDUSTRY_SECTION: (org.industry && industryDivision(org.industry)?.section) || 'unknown',
    INDUSTRY_DIVISION: org.industry ?? 'unknown',
    OWNERSHIP: org.ownership ?? 'unknown',
    UNIT_SIZE: org.sizeBand ?? 'unknown',
  };
}

/** R16: in arrears when neither joined nor paid in the six months up to today. */
function duesStatus(m: Member, lastPayment: string | undefined): string {
  const status: string = m.status;
  if (status === 'WITHDRAWN' || status === 'AUTO_WITHDRAWN') return 'NOT_APPLICABLE';
  if (status === 'RETIRED_RETAINED') return 'EXEMPT';
  const cutoff = addMonths(today(), -6).toISOString().slice(0, 10);
  const days = [m.joinedAt, m.lastDuesPaidAt].flatMap((d) => (d ? [d.toISOString().slice(0, 10)] : []));
  return [...days, lastPayment ?? ''].some((d) => d >= cutoff) ? 'PAID_UP' : 'IN_ARREARS';
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

describe('an analyst exports a breakdown through the gateway', () => {
  const EXPORT = `query($groupBy: [MemberDimension!]!, $filter: MemberBreakdownFilter, $format: StatisticsFileFormat!) {
    exportMemberBreakdown(groupBy: $groupBy, filter: $filter, format: $format) { filename contentType rows downloadPath } }`;
  const dims = ['ORGANIZATION_TYPE', 'GENDER'];
  const download = async (caller: Caller, path: string) =>
    fetch(new URL(path, graph.url), { headers: { authorization: `Bearer ${await graph.token(caller)}` } });

  it('downloads the table it may read: Chinese headers, withheld cells as *, the CSV with a BOM', async () => {
    const analyst = testCallers.analyst();
    const shown = (await breakdown(analyst, dims)).data!.memberBreakdown;
    const res = await graph.query<Data>(EXPORT, {
      caller: analyst,
      variables: { groupBy: dims, format: 'CSV' },
    });
    expect(res.errors).toBeUndefined();
    const file = res.data!.exportMemberBreakdown;
    expect(file).toMatchObject({ contentType: 'text/csv; charset=utf-8', rows: shown.rows.length });
    const got = await download(analyst, file.downloadPath);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain(file.filename);
    const bytes = Buffer.from(await got.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('工会类型,性别,计数,占比（%）');
    // Line by line the rows of the answer: a withheld cell is the marker, never its number.
    const rows = (shown.rows as Data[]).map((r) =>
      [...(r.values as Data[]).map((v) => v.label), r.suppressed ? '*' : r.count].join(','),
    );
    expect(lines.slice(1, rows.length + 1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual(rows);
    expect(shown.suppressedCells).toBeGreaterThan(0);
    expect(lines[rows.length + 1]).toBe(`合计,,${graph.plan.members.length},100`);
    // Another analyst's token does not fetch it.
    expect((await download({ ...analyst, id: 'another-analyst' }, file.downloadPath)).status).toBe(404);
  });

  it("exports the other subgraphs' breakdowns the same way, from their own /downloads/<subgraph>/", async () => {
    const national = testCallers.national();
    for (const [subgraph, field, enumName, dimension, header, subject] of [
      ['organizations', 'exportOrganizationBreakdown', 'OrganizationDimension', 'PROVINCE', '省', ''],
      ['funds', 'exportFundsBreakdown', 'FundsDimension', 'ACCOUNT_LEVEL', '账户层级', ''],
      ['cadres', 'exportCadreBreakdown', 'CadreDimension', 'PROVINCE', '省', ''],
      [
        'worker-services',
        'exportWorkerServiceBreakdown',
        'WorkerServiceDimension',
        'PROVINCE',
        '省',
        'subject: WORKERS_HOMES, ',
      ],
    ] as const) {
      const res = await graph.query<Data>(
        `query($g: [${enumName}!]!) { ${field}(${subject}groupBy: $g, format: CSV) { rows downloadPath } }`,
        { caller: national, variables: { g: [dimension] } },
      );
      expect([subgraph, res.errors]).toEqual([subgraph, undefined]);
      const file = res.data![field];
      expect(file.downloadPath).toMatch(new RegExp(`^/downloads/${subgraph}/[\\w-]{43}$`));
      const got = await download(national, file.downloadPath);
      expect([subgraph, got.status]).toEqual([subgraph, 200]);
      const lines = Buffer.from(await got.arrayBuffer())
        .toString('utf8')
        .slice(1)
        .split('\r\n');
      expect([subgraph, lines[0]!.startsWith(`${header},计数,占比（%）`)]).toEqual([subgraph, true]);
      expect([subgraph, lines[file.rows + 1]!.startsWith('合计,')]).toEqual([subgraph, true]);
    }
  });

  it("refuses a member, and a union's analyst asking outside its subtree", async () => {
    const member = graph.plan.members[0]!;
    const res = await graph.query<Data>(EXPORT, {
      caller: testCallers.member(member._id, member.organizationId),
      variables: { groupBy: dims, format: 'XLSX' },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [mine, other] = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS');
    const outside = await graph.query<Data>(EXPORT, {
      caller: { ...testCallers.analyst(), orgId: mine!._id },
      variables: { groupBy: dims, filter: { organizationId: other!._id }, format: 'XLSX' },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('cadre and worker-services statistics through the gateway', () => {
  const CADRES = `query($groupBy: [CadreDimension!]!, $filter: CadreBreakdownFilter) {
    cadreBreakdown(groupBy: $groupBy, filter: $filter) { rows { values { code label } count suppressed } total minimumCount } }`;
  const SERVICES = `query($subject: WorkerServiceSubject!, $groupBy: [WorkerServiceDimension!]!, $filter: WorkerServiceBreakdownFilter) {
    workerServiceBreakdown(subject: $subject, groupBy: $groupBy, filter: $filter) { rows { values { code } count } total minimumCount } }`;
  const tallyBy = <T>(items: T[], key: (item: T) => string) =>
    tally(
      items.map((i) => ({ key: key(i) })),
      ['key'],
    );

  it('counts serving cadres by position and employment as the seed plan does', async () => {
    const serving = [...graph.plan.cadres, ...graph.plan.fullTimeCadres].filter(
      (c) => c.status === 'SERVING',
    );
    expect(serving.length).toBeGreaterThan(0);
    const t = (await graph.ok(CADRES, { groupBy: ['POSITION', 'EMPLOYMENT'] })).cadreBreakdown;
    expect(counted(t)).toEqual(
      tallyBy(serving, (c) => `${c.position}|${c.fullTime ? 'FULL_TIME' : 'PART_TIME'}`),
    );
    expect(t).toMatchObject({ total: serving.length, minimumCount: null });
    expect(t.rows[0].values[1].label).toMatch(/^(专职|兼职)$/);
  });

  it("counts Workers' Homes by their highest title held, and cases by hardship level, as planned", async () => {
    const steps = graph.plan.workflowSteps;
    expect([graph.plan.modelTitles.length, graph.plan.assistanceCases.length]).not.toContain(0);
    const held = (titleId: string) =>
      steps.some((s) => s.subjectId === titleId && s.step === 'COMMEND') &&
      !steps.some((s) => s.subjectId === titleId && s.step === 'RECHECK' && s.passed === false);
    const RANK = ['COUNTY', 'CITY', 'PROVINCE', 'NATIONAL'];
    const titleOf = (homeId: string) =>
      graph.plan.modelTitles
        .filter((m) => m.homeId === homeId && held(m._id))
        .map((m) => m.level)
        .sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0] ?? 'NONE';
    const homes = (await graph.ok(SERVICES, { subject: 'WORKERS_HOMES', groupBy: ['HOME_TITLE'] }))
      .workerServiceBreakdown;
    expect(counted(homes)).toEqual(tallyBy(graph.plan.workersHomes, (h) => titleOf(h._id)));
    const cases = (await graph.ok(SERVICES, { subject: 'ASSISTANCE_CASES', groupBy: ['HARDSHIP_LEVEL'] }))
      .workerServiceBreakdown;
    expect(counted(cases)).toEqual(tallyBy(graph.plan.assistanceCases, (c) => c.level));
  });

  it('refuses a member, and a union administrator asking outside the subtree', async () => {
    const member = graph.plan.members[0]!;
    const asMember = await graph.query<Data>(CADRES, {
      caller: testCallers.member(member._id, member.organizationId),
      variables: { groupBy: ['POSITION'] },
    });
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [mine, other] = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS');
    const outside = await graph.query<Data>(SERVICES, {
      caller: testCallers.orgAdmin(mine!._id),
      variables: { subject: 'WORKERS_HOMES', groupBy: ['HOME_KIND'], filter: { organizationId: other!._id } },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('members by industry section and ownership through the gateway (issue #19)', () => {
  const BY_SECTION_AND_OWNERSHIP = ['INDUSTRY_SECTION', 'OWNERSHIP'];

  it('counts the seed plan’s members by their union’s host unit, labelled in Chinese', async () => {
    const t = (await graph.ok(BREAKDOWN, { groupBy: BY_SECTION_AND_OWNERSHIP })).memberBreakdown;
    expect(counted(t)).toEqual(tally(planned(), BY_SECTION_AND_OWNERSHIP));
    const labels = new Map(
      (t.rows as Data[]).flatMap((r) => (r.values as Data[]).map((v) => [v.code, v.label] as const)),
    );
    expect(labels.get('PRIVATE')).toBe('私营');
    for (const [code, label] of labels) if (code.length === 1) expect(label).toMatch(/业|组织|教育|卫生/);
    // A filter on one section keeps its members only.
    const sections = Object.keys(tally(planned(), ['INDUSTRY_SECTION'])).filter((c) => c !== 'unknown');
    const one = await graph.ok(BREAKDOWN, {
      groupBy: ['OWNERSHIP'],
      filter: { industrySections: [sections[0]] },
    });
    expect(one.memberBreakdown.total).toBe(
      planned().filter((r) => r.INDUSTRY_SECTION === sections[0]).length,
    );
  });

  it('refuses a member, and counts an administrator’s own subtree only', async () => {
    const member = graph.plan.members[0]!;
    const asMember = await breakdown(
      testCallers.member(member._id, member.organizationId),
      BY_SECTION_AND_OWNERSHIP,
    );
    expect(asMember.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [mine, other] = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS');
    const admin = testCallers.orgAdmin(mine!._id);
    const outside = await breakdown(admin, BY_SECTION_AND_OWNERSHIP, { organizationId: other!._id });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await breakdown(admin, BY_SECTION_AND_OWNERSHIP);
    const section = industryDivision(mine!.industry!)!.section;
    expect(counted(own.data!.memberBreakdown)).toEqual({
      [`${section}|${mine!.ownership}`]: graph.plan.members.filter((m) => m.organizationId === mine!._id)
        .length,
    });
  });
});

describe('organization and funds statistics through the gateway (issue #19)', () => {
  const ORGS = `query($groupBy: [OrganizationDimension!]!, $filter: OrganizationBreakdownFilter) {
    organizationBreakdown(groupBy: $groupBy, filter: $filter) {
      rows { values { code label } count measures { measure value rate { numerator denominator } suppressed } }
      total minimumCount } }`;
  const FUNDS = `query($groupBy: [FundsDimension!]!, $filter: FundsBreakdownFilter) {
    fundsBreakdown(groupBy: $groupBy, filter: $filter) {
      rows { values { code label } count measures { measure value suppressed } } total minimumCount } }`;
  const provinceOf = (code: string) =>
    (division(code) ?? division(code.slice(0, 6)))?.provinceCode || 'unknown';
  const byKey = (t: Data, measure?: string) =>
    Object.fromEntries(
      (t.rows as Data[]).map((r) => [
        (r.values as Data[]).map((v) => v.code).join('|'),
        measure ? (r.measures as Data[]).find((m) => m.measure === measure) : r.count,
      ]),
    );

  it('counts active unions by province and six-haves compliance, with the compliance rate, as planned', async () => {
    const latest = new Map<string, { year: number; compliant: boolean }>();
    for (const a of graph.plan.sixHavesAssessments)
      if ((latest.get(a.organizationId)?.year ?? 0) < a.year) latest.set(a.organizationId, a);
    const active = graph.plan.organizations.filter((o) => o.status === 'ACTIVE');
    const compliance = (id: string) => {
      const a = latest.get(id);
      return a ? (a.compliant ? 'COMPLIANT' : 'NOT_COMPLIANT') : 'NOT_ASSESSED';
    };
    const t = (await graph.ok(ORGS, { groupBy: ['PROVINCE', 'SIX_HAVES_COMPLIANCE'] })).organizationBreakdown;
    expect(byKey(t)).toEqual(
      tally(
        active.map((o) => ({ p: provinceOf(o.divisionCode), c: compliance(o._id) })),
        ['p', 'c'],
      ),
    );
    expect(t).toMatchObject({ total: active.length, minimumCount: null });
    // R5 as sixHavesCompliance counts it: compliant over active grassroots unions.
    const grassroots = active.filter((o) =>
      ['GRASSROOTS', 'JOINT_GRASSROOTS', 'VILLAGE_COMMUNITY'].includes(o.type),
    );
    const rates = byKey(t, 'SIX_HAVES_RATE');
    const compliant = rates[`${provinceOf(grassroots[0]!.divisionCode)}|COMPLIANT`];
    if (compliant) expect(compliant.rate.numerator).toBe(compliant.rate.denominator);
    const whole = Object.values(rates).reduce((n, m) => n + (m.rate?.denominator ?? 0), 0);
    expect(whole).toBe(grassroots.length);
    expect(t.rows[0].values[1].label).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reads the six haves per assessment year and checks them against the records as the old reports do', async () => {
    const YEARS = `query($groupBy: [OrganizationDimension!]!, $filter: OrganizationBreakdownFilter) {
      organizationBreakdown(groupBy: $groupBy, filter: $filter) {
        rows { values { code } count } total measures { measure value rate { numerator denominator } suppressed } } }`;
    const years = [...new Set(graph.plan.sixHavesAssessments.map((a) => a.year))].sort();
    const marked = new Map(graph.plan.sixHavesAssessments.map((a) => [`${a.organizationId}:${a.year}`, a]));
    const active = graph.plan.organizations.filter((o) => o.status === 'ACTIVE');
    const analyst = testCallers.analyst();
    const t = (await graph.ok(YEARS, { groupBy: ['ASSESSMENT_YEAR', 'SIX_HAVES_COMPLIANCE'] }, analyst))
      .organizationBreakdown;
    // Every active union once a year, with that year's assessment or none.
    expect(byKey(t)).toEqual(
      tally(
        years.flatMap((y) =>
          active.map((o) => {
            const a = marked.get(`${o._id}:${y}`);
            return { y: `${y}`, c: a ? (a.compliant ? 'COMPLIANT' : 'NOT_COMPLIANT') : 'NOT_ASSESSED' };
          }),
        ),
        ['y', 'c'],
      ),
    );
    expect(t.total).toBe(active.length * years.length);
    const year = years.at(-1)!;
    const root = graph.plan.organizations.find((o) => o.path.length === 1)!;
    const report = (
      await graph.ok(
        `query($id: ID!, $year: Int!) { sixHavesDisagreements(organizationId: $id, year: $year, by: PROVINCE) {
          total { assessed disagreeing byCriterion { criterion count } } } }`,
        { id: root._id, year },
        analyst,
      )
    ).sixHavesDisagreements.total;
    const checked = (
      await graph.ok(YEARS, { groupBy: ['SIX_HAVES_CHECK'], filter: { assessmentYears: [year] } }, analyst)
    ).organizationBreakdown;
    const rate = (m: string) => (checked.measures as Data[]).find((x) => x.measure === m)!.rate;
    expect(rate('DISAGREEMENT_RATE')).toEqual({
      numerator: report.disagreeing,
      denominator: report.assessed,
    });
    for (const c of report.byCriterion as Data[])
      expect([c.criterion, rate(`${c.criterion}_DISAGREEMENT_RATE`).numerator]).toEqual([
        c.criterion,
        c.count,
      ]);
    expect(byKey(checked).DISAGREES ?? 0).toBe(report.disagreeing);
    // A member reads no statistics; a union's analyst none outside its subtree.
    const member = graph.plan.members[0]!;
    const refused = await graph.query<Data>(YEARS, {
      caller: testCallers.member(member._id, member.organizationId),
      variables: { groupBy: ['ASSESSMENT_YEAR'] },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const [mine, other] = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS');
    const outside = await graph.query<Data>(YEARS, {
      caller: { id: 'analyst-mine', roles: ['ANALYST'], orgId: mine!._id },
      variables: {
        groupBy: ['ASSESSMENT_YEAR'],
        filter: { organizationId: other!._id, assessmentYears: [year] },
      },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts ledger lines and sums their fen by account level and book, as planned', async () => {
    const levels = new Map(graph.plan.organizations.map((o) => [o._id, o.level]));
    const lines = graph.plan.postings.flatMap((p) =>
      p.lines
        .filter((l) => l.book !== 'FUNDS')
        .map((l) => ({
          key: `${levels.get(l.organizationId) ?? 'unknown'}|${l.book}`,
          fen: l.book === 'INCOME' ? l.credit - l.debit : l.debit - l.credit,
        })),
    );
    expect(lines.length).toBeGreaterThan(0);
    const sums: Record<string, number> = {};
    for (const l of lines) sums[l.key] = (sums[l.key] ?? 0) + l.fen;
    const t = (await graph.ok(FUNDS, { groupBy: ['ACCOUNT_LEVEL', 'BOOK'] })).fundsBreakdown;
    expect(byKey(t)).toEqual(tally(lines, ['key']));
    expect(
      Object.fromEntries(Object.entries(byKey(t, 'AMOUNT_FEN_SUM')).map(([k, m]) => [k, m.value])),
    ).toEqual(sums);
    expect(t.total).toBe(lines.length);
  });

  it('refuses a member, and a union administrator asking outside the subtree', async () => {
    const member = graph.plan.members[0]!;
    const asMember = testCallers.member(member._id, member.organizationId);
    const [mine, other] = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS');
    const admin = testCallers.orgAdmin(mine!._id);
    for (const [query, groupBy] of [
      [ORGS, ['COVERAGE']],
      [FUNDS, ['MONTH']],
    ] as const) {
      const refused = await graph.query<Data>(query, { caller: asMember, variables: { groupBy } });
      expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      const outside = await graph.query<Data>(query, {
        caller: admin,
        variables: { groupBy, filter: { organizationId: other!._id } },
      });
      expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    // The administrator's own subtree: its own union alone.
    const own = (await graph.query<Data>(ORGS, { caller: admin, variables: { groupBy: ['COVERAGE'] } }))
      .data!;
    expect(own.organizationBreakdown.total).toBe(
      graph.plan.organizations.filter((o) => o.status === 'ACTIVE' && o.path.includes(mine!._id)).length,
    );
  });
});
