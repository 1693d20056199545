import { type Caller, publishChanges, setClock } from '@union-graph/subgraph-kit';
import { publishOrgs } from '@union-graph/subgraph-kit/testing';
import type { MemberDoc } from '../models';
import { MEMBER_DIMENSIONS, type MemberDimension } from '../statistics';
import { FUNDS_SUBGRAPH } from '../subgraph';
import { callers, type Fixture, ORGS, residentId, startFixture } from './fixtures';

let f: Fixture;
// Ages are whole years on this day in China: born 2001-06-01 is 25, born 2001-06-02 is 24.
beforeAll(async () => {
  setClock('2026-06-01T04:00:00Z');
  f = await startFixture();
});
afterAll(async () => {
  setClock(null);
  await f?.sg.stop();
});

/** Region and type of each test union, as the directory's division codes give them. */
const union = (PROVINCE: string, CITY: string, COUNTY: string, ORGANIZATION_TYPE = 'GRASSROOTS') => ({
  PROVINCE,
  CITY,
  COUNTY,
  ORGANIZATION_TYPE,
  // Host-unit facts (issue #19) come with the directory entries; none until they are published.
  ...UNKNOWN_FACTS,
});
const UNKNOWN_FACTS = {
  TOWNSHIP: 'unknown',
  INDUSTRY_SECTION: 'unknown',
  INDUSTRY_DIVISION: 'unknown',
  OWNERSHIP: 'unknown',
  UNIT_SIZE: 'unknown',
};
const UNIONS: Record<string, ReturnType<typeof union>> = {
  [ORGS.bjUnion._id]: union('110000', '110000', '110105'),
  [ORGS.bjUnion2._id]: union('110000', '110000', '110108'),
  [ORGS.gdUnion._id]: union('440000', '440100', '440106'),
  [ORGS.gdJoint._id]: union('440000', '440300', '440305', 'JOINT_GRASSROOTS'),
};

/** Whole years from a birth date to 2026-06-01, banded as the schema says. */
function ageBand(birth: Date): string {
  const age =
    2026 - birth.getUTCFullYear() - (birth.getUTCMonth() * 100 + birth.getUTCDate() > 5 * 100 + 1 ? 1 : 0);
  if (age < 25) return 'UNDER_25';
  if (age < 35) return 'FROM_25_TO_34';
  if (age < 45) return 'FROM_35_TO_44';
  if (age < 55) return 'FROM_45_TO_54';
  return 'FROM_55';
}

/** The code of each dimension a stored member falls in, computed here without the read model. */
function codesOf(m: MemberDoc): Record<MemberDimension, string> {
  const joined = m.joinedAt.toISOString();
  return {
    ...UNIONS[m.organizationId]!,
    GENDER: m.gender,
    AGE_BAND: ageBand(m.birthDate!),
    MIGRANT_WORKER: String(m.migrantWorker ?? false),
    STATUS: m.status,
    JOIN_YEAR: joined.slice(0, 4),
    JOIN_MONTH: joined.slice(0, 7),
    DUES_STATUS: duesStatus(m),
    EDUCATION: m.education ?? 'unknown',
  };
}

/** R16 on 2026-06-01: in arrears when neither joined nor paid since 2025-12-01. */
function duesStatus(m: MemberDoc): string {
  if (m.status === 'WITHDRAWN' || m.status === 'AUTO_WITHDRAWN') return 'NOT_APPLICABLE';
  if (m.status === 'RETIRED_RETAINED' || m.duesExemptionReason) return 'EXEMPT';
  const latest = Math.max(m.joinedAt.getTime(), m.lastDuesPaidAt?.getTime() ?? 0);
  return latest >= Date.parse('2025-12-01') ? 'PAID_UP' : 'IN_ARREARS';
}

function tally(members: MemberDoc[], dims: MemberDimension[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of members) {
    const codes = codesOf(m);
    const key = dims.map((d) => codes[d]).join('|');
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
}

const BREAKDOWN = `query($groupBy: [MemberDimension!]!, $filter: MemberBreakdownFilter, $top: Int) {
  memberBreakdown(groupBy: $groupBy, filter: $filter, top: $top) {
    rows { values { dimension code label } count share { numerator denominator } suppressed }
    total suppressedCells minimumCount asOf
  }
}`;

interface Row {
  values: { dimension: string; code: string; label: string }[];
  count: number | null;
  share: { numerator: number; denominator: number } | null;
  suppressed: boolean;
}
interface Table {
  rows: Row[];
  total: number | null;
  suppressedCells: number;
  minimumCount: number | null;
  asOf: string;
}

async function breakdown(
  caller: Caller,
  groupBy: MemberDimension[],
  filter?: Record<string, unknown>,
  top?: number,
) {
  return f.gql<{ memberBreakdown: Table }>(BREAKDOWN, caller, { groupBy, filter, top });
}
async function table(
  caller: Caller,
  groupBy: MemberDimension[],
  filter?: Record<string, unknown>,
): Promise<Table> {
  const res = await breakdown(caller, groupBy, filter);
  if (!res.data?.memberBreakdown) throw new Error(JSON.stringify(res.errors));
  return res.data.memberBreakdown;
}
const counted = (t: Table) =>
  Object.fromEntries(t.rows.map((r) => [r.values.map((v) => v.code).join('|'), r.count]));

const analystOf = (orgId: string | null): Caller => ({ id: `analyst-${orgId}`, roles: ['ANALYST'], orgId });

describe('memberBreakdown', () => {
  let withdrawn = '';
  beforeAll(async () => {
    const register = (
      organizationId: string,
      gender: 'MALE' | 'FEMALE',
      birth: string,
      joinedAt: string,
      n: number,
      migrantWorker = false,
    ) =>
      Array.from({ length: n }, () =>
        f.register({ organizationId, residentId: residentId(gender, birth), joinedAt, migrantWorker }),
      );
    // County × gender: 110105 M 7, F 2 · 110108 F 3 · 440106 F 6, M 1 · 440305 M 5 (24 members).
    const ids = await Promise.all([
      ...register(ORGS.bjUnion._id, 'MALE', '1990-03-07', '2020-01-01', 7),
      ...register(ORGS.bjUnion._id, 'FEMALE', '1960-06-01', '2021-06-15', 2, true),
      ...register(ORGS.bjUnion2._id, 'FEMALE', '2001-06-02', '2024-03-01', 3),
      ...register(ORGS.gdUnion._id, 'FEMALE', '1985-11-30', '2019-11-20', 5),
      ...register(ORGS.gdUnion._id, 'FEMALE', '2001-06-01', '2024-03-31', 1),
      ...register(ORGS.gdUnion._id, 'MALE', '1971-06-02', '2019-11-20', 1, true),
      ...register(ORGS.gdJoint._id, 'MALE', '1995-01-01', '2022-12-31', 5),
    ]);
    withdrawn = ids[0]!;
    const res = await f.gql(
      `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: WITHDRAWN, reason: "退会") { status } }`,
      callers.national,
      { id: withdrawn },
    );
    expect(res.data?.changeMemberStatus.status).toBe('WITHDRAWN');
    await f.sg.server.caughtUp();
  });

  it('counts every dimension as the stored members do', async () => {
    const members = await f.models.Member.find().lean<MemberDoc[]>();
    expect(members).toHaveLength(24);
    for (const d of MEMBER_DIMENSIONS) {
      const t = await table(callers.national, [d]);
      expect([d, counted(t)]).toEqual([d, tally(members, [d])]);
      expect(t).toMatchObject({ total: 24, suppressedCells: 0, minimumCount: null });
    }
    // Boundaries: 25 today is 25–34, a day younger is under 25; the withdrawn member is a status.
    const ages = counted(await table(callers.national, ['AGE_BAND']));
    expect(ages).toMatchObject({
      UNDER_25: 3,
      FROM_25_TO_34: 6,
      FROM_35_TO_44: 12,
      FROM_45_TO_54: 1,
      FROM_55: 2,
    });
  });

  it('labels codes in Chinese, and counts two and three dimensions at once', async () => {
    const t = await table(callers.national, ['PROVINCE', 'GENDER']);
    expect(t.rows[0]).toEqual({
      values: [
        { dimension: 'PROVINCE', code: '110000', label: '北京市' },
        { dimension: 'GENDER', code: 'MALE', label: '男' },
      ],
      count: 7,
      share: { numerator: 7, denominator: 24 },
      suppressed: false,
    });
    const members = await f.models.Member.find().lean<MemberDoc[]>();
    const three: MemberDimension[] = ['CITY', 'MIGRANT_WORKER', 'JOIN_YEAR'];
    expect(counted(await table(callers.national, three))).toEqual(tally(members, three));
    const labels = (await table(callers.national, ['AGE_BAND', 'MIGRANT_WORKER'])).rows.flatMap((r) =>
      r.values.map((v) => v.label),
    );
    expect(labels).toEqual(expect.arrayContaining(['25 岁以下', '55 岁及以上', '农民工', '非农民工']));
    // Filters: any listed value of a field, every field.
    const filtered = await table(callers.national, ['COUNTY'], {
      status: ['ACTIVE'],
      gender: 'MALE',
      provinceCodes: ['110000'],
    });
    expect(counted(filtered)).toEqual({ '110105': 6 });
    const top = await breakdown(callers.national, ['COUNTY'], undefined, 2);
    expect(top.data?.memberBreakdown.rows.map((r) => r.count)).toEqual([9, 7]);
  });

  it('counts only the caller’s subtree, or a union of it asked for', async () => {
    expect(counted(await table(callers.guangdong, ['COUNTY']))).toEqual({ '440106': 7, '440305': 5 });
    expect(counted(await table(callers.bjUnion, ['GENDER']))).toEqual({ MALE: 7, FEMALE: 2 });
    expect(counted(await table(callers.national, ['GENDER'], { organizationId: ORGS.gdJoint._id }))).toEqual({
      MALE: 5,
    });
    // An analyst with a union sees its subtree only; one without sees the nation.
    expect((await table(analystOf(ORGS.guangdong._id), ['PROVINCE'])).total).toBe(12);
    expect((await table(analystOf(null), ['PROVINCE'])).total).toBe(24);
    const outside = await breakdown(analystOf(ORGS.guangdong._id), ['GENDER'], {
      organizationId: ORGS.bjUnion._id,
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(outside.data).toBeNull();
    const unknown = await breakdown(callers.national, ['GENDER'], { organizationId: 'org-none' });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'filter.organizationId',
    });
  });

  it('refuses members and bad arguments with stable codes', async () => {
    const member = await breakdown(
      { id: 'm', roles: ['MEMBER'], orgId: ORGS.bjUnion._id, memberId: withdrawn },
      ['GENDER'],
    );
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    for (const groupBy of [[], ['GENDER', 'GENDER'], ['GENDER', 'STATUS', 'CITY', 'COUNTY']]) {
      const bad = await breakdown(callers.national, groupBy as MemberDimension[]);
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'groupBy' });
      expect(bad.errors?.[0]?.message).toContain('统计维度');
    }
    const top = await breakdown(callers.national, ['GENDER'], undefined, 0);
    expect(top.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'top' });
  });

  it('withholds an analyst’s cells under 5 and every cell a margin would give away', async () => {
    const analyst = analystOf(null);
    const t = await table(analyst, ['COUNTY', 'GENDER']);
    // 110105/F 2, 110108/F 3 and 440106/M 1 are under 5; 110105/M and 440106/F go with them so the
    // county totals reveal nothing; 110108/F stands alone in its county, whose total is under 5 too.
    expect(counted(t)).toEqual({
      '110105|MALE': null,
      '110105|FEMALE': null,
      '110108|FEMALE': null,
      '440106|FEMALE': null,
      '440106|MALE': null,
      '440305|MALE': 5,
    });
    expect(t).toMatchObject({ total: 24, suppressedCells: 5, minimumCount: 5 });
    expect(t.rows.filter((r) => r.suppressed).every((r) => r.share === null)).toBe(true);
    // Recovery by subtraction: each margin the analyst can read, less the cells shown in its line,
    // leaves no line with a single withheld cell.
    const counties = await table(analyst, ['COUNTY']);
    const genders = await table(analyst, ['GENDER']);
    for (const [margin, free] of [
      [counties, 1],
      [genders, 0],
    ] as const) {
      for (const m of margin.rows) {
        const line = t.rows.filter((r) => r.values[1 - free]!.code === m.values[0]!.code);
        const hidden = line.filter((r) => r.suppressed);
        if (m.count !== null && hidden.length > 0) expect(hidden.length).toBeGreaterThanOrEqual(2);
      }
    }
    // The one-way table hides 110108 (3) and, lest the total give it away, the next smallest.
    expect(counted(counties)).toEqual({ '110105': 9, '440106': 7, '440305': null, '110108': null });
    // An administrator reads the same table unsuppressed.
    expect((await table(callers.national, ['COUNTY', 'GENDER'])).suppressedCells).toBe(0);
    // A table under k hides its total as well.
    const small = await table(analyst, ['GENDER'], { organizationId: ORGS.bjUnion2._id });
    expect(small).toMatchObject({
      total: null,
      suppressedCells: 1,
      rows: [{ count: null, suppressed: true }],
    });
  });

  it('shows a registration once its event is applied, and says as of when', async () => {
    const before = Date.now();
    await f.register({
      organizationId: ORGS.gdJoint._id,
      residentId: residentId('FEMALE', '1999-09-09'),
      joinedAt: '2025-05-05',
    });
    await f.sg.server.caughtUp();
    const t = await table(callers.national, ['COUNTY', 'GENDER'], { organizationId: ORGS.gdJoint._id });
    expect(counted(t)).toEqual({ '440305|MALE': 5, '440305|FEMALE': 1 });
    expect(new Date(t.asOf).getTime()).toBeGreaterThanOrEqual(before);
    expect(counted(await table(callers.national, ['JOIN_MONTH'], { joinYears: [2025] }))).toEqual({
      '2025-05': 1,
    });
  });
});

describe('memberBreakdown by host unit, township, dues and education (issue #19)', () => {
  const street = {
    _id: 'org-gd-street',
    name: '天河区石牌街道总工会',
    type: 'TOWNSHIP_FEDERATION',
    level: 'TOWNSHIP',
    divisionCode: '440106',
    path: [...ORGS.guangdong.path, 'org-gd-street'],
  };
  const hotel = {
    _id: 'org-gd-street-1',
    name: '石牌某酒店工会',
    type: 'GRASSROOTS',
    level: 'GRASSROOTS',
    divisionCode: '440106',
    path: [...street.path, 'org-gd-street-1'],
    industry: '61',
    ownership: 'FOREIGN_INVESTED',
    sizeBand: 'FROM_100_TO_499',
  };
  /** What organizations announces of each union's host units. */
  const facts: Record<string, { industry: string | null; ownership: string; sizeBand: string }> = {
    [ORGS.bjUnion._id]: { industry: '65', ownership: 'STATE', sizeBand: 'FROM_25_TO_99' },
    [ORGS.bjUnion2._id]: { industry: '66', ownership: 'STATE', sizeBand: 'FROM_1000' },
    [ORGS.gdUnion._id]: { industry: '36', ownership: 'PRIVATE', sizeBand: 'FROM_1000' },
    // A joint union whose units differ in industry.
    [ORGS.gdJoint._id]: { industry: null, ownership: 'PRIVATE', sizeBand: 'UNDER_25' },
  };
  const SECTIONS: Record<string, string> = { '65': 'I', '66': 'J', '36': 'C', '61': 'H' };
  let paidOnCutoff = '';
  let paidDayBefore = '';

  beforeAll(async () => {
    await publishOrgs(f.sg.server, [
      ...[ORGS.bjUnion, ORGS.bjUnion2, ORGS.gdUnion, ORGS.gdJoint].map((o) => ({
        ...o,
        version: 2,
        ...facts[o._id],
      })),
      street,
      hotel,
    ]);
    for (const [id, fact] of Object.entries(facts)) {
      Object.assign(UNIONS[id]!, {
        INDUSTRY_SECTION: fact.industry ? SECTIONS[fact.industry] : 'unknown',
        INDUSTRY_DIVISION: fact.industry ?? 'unknown',
        OWNERSHIP: fact.ownership,
        UNIT_SIZE: fact.sizeBand,
      });
    }
    UNIONS[hotel._id] = {
      ...union('440000', '440100', '440106'),
      TOWNSHIP: '440106006',
      INDUSTRY_SECTION: 'H',
      INDUSTRY_DIVISION: '61',
      OWNERSHIP: 'FOREIGN_INVESTED',
      UNIT_SIZE: 'FROM_100_TO_499',
    };
    const ids = await Promise.all(
      ['1990-01-01', '1991-01-01', '1992-01-01'].map((birth) =>
        f.register({
          organizationId: hotel._id,
          residentId: residentId('FEMALE', birth),
          joinedAt: '2023-03-03',
        }),
      ),
    );
    [paidOnCutoff, paidDayBefore] = ids as [string, string];
    // R16 on 2026-06-01: a payment on 2025-12-01 is within six months, one a day earlier is not.
    await publishChanges(f.sg.server.redis, f.sg.server.keyspace, FUNDS_SUBGRAPH, [
      ...[
        [paidOnCutoff, '2025-12-01T00:00:00.000Z'],
        [paidDayBefore, '2025-11-30T00:00:00.000Z'],
      ].map(([memberId, paidAt]) => ({
        type: 'DuesPayment',
        id: `pay-${memberId}`,
        op: 'upsert' as const,
        version: 1,
        data: { memberId, organizationId: hotel._id, period: paidAt!.slice(0, 7), amount: 2500, paidAt },
      })),
    ]);
    await f.sg.server.subscriptions.funds!.caughtUp();
    const educate = (id: string, education: string) =>
      f.gql(
        `mutation($id: ID!, $e: Education!) { updateMember(id: $id, input: { education: $e }) { id } }`,
        callers.national,
        {
          id,
          e: education,
        },
      );
    expect((await educate(ids[2]!, 'BACHELOR')).errors).toBeUndefined();
    expect((await educate(paidOnCutoff, 'VOCATIONAL')).errors).toBeUndefined();
    await f.sg.server.caughtUp();
  });

  it('counts each new dimension as the stored members and the published directory do', async () => {
    const members = await f.models.Member.find().lean<MemberDoc[]>();
    expect(members).toHaveLength(28);
    // The dimensions issue #19 added after the join month.
    const dims = MEMBER_DIMENSIONS.slice(MEMBER_DIMENSIONS.indexOf('JOIN_MONTH') + 1);
    expect(dims).toHaveLength(7);
    for (const d of dims)
      expect([d, counted(await table(callers.national, [d]))]).toEqual([d, tally(members, [d])]);
    expect(counted(await table(callers.national, ['DUES_STATUS'], { organizationId: hotel._id }))).toEqual({
      PAID_UP: 1,
      IN_ARREARS: 2,
    });
    const two: MemberDimension[] = ['INDUSTRY_SECTION', 'OWNERSHIP'];
    expect(counted(await table(callers.national, two))).toEqual(tally(members, two));
  });

  it('labels sections, divisions, ownership, sizes, townships, dues and education in Chinese', async () => {
    const labels = async (d: MemberDimension) =>
      Object.fromEntries(
        (await table(callers.national, [d])).rows.map((r) => [r.values[0]!.code, r.values[0]!.label]),
      );
    expect(await labels('INDUSTRY_SECTION')).toMatchObject({
      C: '制造业',
      H: '住宿和餐饮业',
      unknown: '未知',
    });
    expect(await labels('INDUSTRY_DIVISION')).toMatchObject({ '36': '汽车制造业', '66': '货币金融服务' });
    expect(await labels('OWNERSHIP')).toMatchObject({ STATE: '国有', FOREIGN_INVESTED: '外商及港澳台投资' });
    expect(await labels('UNIT_SIZE')).toMatchObject({ UNDER_25: '25 人以下', FROM_1000: '1000 人及以上' });
    expect(await labels('TOWNSHIP')).toMatchObject({ '440106006': '天河区石牌街道', unknown: '未知' });
    expect(await labels('DUES_STATUS')).toMatchObject({
      IN_ARREARS: '欠缴（6 个月以上未交）',
      NOT_APPLICABLE: '不适用（已退会）',
    });
    expect(await labels('EDUCATION')).toMatchObject({ BACHELOR: '本科', VOCATIONAL: '中专（技校）' });
  });

  it('filters by section, division, ownership, size and dues standing', async () => {
    const filtered = async (filter: Record<string, unknown>) =>
      counted(await table(callers.national, ['COUNTY'], filter));
    expect(await filtered({ industrySections: ['C', 'H'] })).toEqual({ '440106': 10 });
    expect(await filtered({ industryDivisions: ['66'] })).toEqual({ '110108': 3 });
    expect(await filtered({ ownerships: ['STATE'] })).toEqual({ '110105': 9, '110108': 3 });
    expect(await filtered({ unitSizes: ['UNDER_25'] })).toEqual({ '440305': 6 });
    expect(await filtered({ duesStatuses: ['PAID_UP'], organizationId: hotel._id })).toEqual({ '440106': 1 });
  });
});
