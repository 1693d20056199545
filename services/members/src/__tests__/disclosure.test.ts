import { type Caller, findDownload, SUPPRESSED_MARK, setClock } from '@union-graph/subgraph-kit';
import { Workbook } from 'exceljs';
import { callers, type Fixture, ORGS, residentId, startFixture } from './fixtures';

/**
 * Issue #19: every count an analyst reads obeys the statistics k (5 by default) — member lists,
 * unions' registry counts, the old memberStatistics — and breakdowns export as files showing
 * withheld cells as the marker.
 *
 * Members: 朝阳 (bjUnion) 6 men and 4 women active, 1 man withdrawn · 海淀 (bjUnion2) 5 women ·
 * 天河 (gdUnion) 4 men · 南山 (gdJoint) 5 women and 2 men.
 */
const WITHDRAW = `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: WITHDRAWN, reason: "退会") { status } }`;

let f: Fixture;
beforeAll(async () => {
  setClock('2026-06-01T04:00:00Z');
  f = await startFixture();
  const register = (organizationId: string, gender: 'MALE' | 'FEMALE', n: number) =>
    Array.from({ length: n }, () =>
      f.register({ organizationId, residentId: residentId(gender, '1988-05-05'), joinedAt: '2020-03-01' }),
    );
  const [withdrawn] = await Promise.all([
    ...register(ORGS.bjUnion._id, 'MALE', 7),
    ...register(ORGS.bjUnion._id, 'FEMALE', 4),
    ...register(ORGS.bjUnion2._id, 'FEMALE', 5),
    ...register(ORGS.gdUnion._id, 'MALE', 4),
    ...register(ORGS.gdJoint._id, 'FEMALE', 5),
    ...register(ORGS.gdJoint._id, 'MALE', 2),
  ]);
  const withdrawal = await f.gql(WITHDRAW, callers.national, { id: withdrawn });
  expect(withdrawal.data?.changeMemberStatus.status).toBe('WITHDRAWN');
  await f.sg.server.caughtUp();
});
afterAll(async () => {
  setClock(null);
  await f?.sg.stop();
});

const english = (caller: Caller): Caller => ({ ...caller, language: 'en' });

describe('member lists and union counts for an analyst', () => {
  const LIST = `query($o: ID, $filter: MemberFilter) {
    members(organizationId: $o, filter: $filter, first: 50) { totalCount nodes { id } pageInfo { hasNextPage } } }`;
  const list = async (caller: Caller, o: string | null, filter?: Record<string, unknown>) => {
    const res = await f.gql(LIST, caller, { o, filter });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const { totalCount, nodes } = res.data.members as { totalCount: number | null; nodes: unknown[] };
    return { totalCount, listed: nodes.length };
  };

  it('withholds a list of k−1 members, count and members alike, and shows one of k', async () => {
    expect(await list(callers.analyst, ORGS.bjUnion2._id)).toEqual({ totalCount: 5, listed: 5 });
    expect(await list(callers.analyst, ORGS.gdUnion._id)).toEqual({ totalCount: null, listed: 0 });
    // Administrators read the lists anyway: nothing is held back from them.
    expect(await list(callers.national, ORGS.gdUnion._id)).toEqual({ totalCount: 4, listed: 4 });
    expect(await list(callers.guangdong, ORGS.gdUnion._id)).toEqual({ totalCount: 4, listed: 4 });
    // A zero describes nobody.
    expect(await list(callers.analyst, ORGS.bjUnion2._id, { gender: 'MALE' })).toEqual({
      totalCount: 0,
      listed: 0,
    });
  });

  it('withholds a filtered count whose complement in the same scope is under k', async () => {
    // 南山: 5 women beside 2 men — the women's count would give the men's away.
    expect(await list(callers.analyst, ORGS.gdJoint._id, { gender: 'FEMALE' })).toEqual({
      totalCount: null,
      listed: 0,
    });
    // 南山's 7 go too: 广东's 11 less them would give 天河's 4 away (the tree, tree-disclosure.test.ts).
    expect(await list(callers.analyst, ORGS.gdJoint._id)).toEqual({ totalCount: null, listed: 0 });
    expect(await list(callers.analyst, ORGS.guangdong._id, { subtree: true })).toEqual({
      totalCount: 11,
      listed: 11,
    });
    // The country's 26 active members beside its 27 records: the one withdrawn member stays hidden.
    expect(await list(callers.analyst, null, { status: ['ACTIVE'] })).toEqual({
      totalCount: null,
      listed: 0,
    });
    // 13 men beside 14 women: both sides are k or more.
    expect(await list(callers.analyst, null, { gender: 'MALE' })).toMatchObject({ totalCount: 13 });
    expect(await list(callers.national, null, { status: ['ACTIVE'] })).toMatchObject({ totalCount: 26 });
  });

  const COUNTS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization {
    id memberCount femaleMemberCount migrantWorkerCount members(first: 50) { totalCount } } } }`;
  const unions = async (caller: Caller) => {
    const reps = [ORGS.bjUnion, ORGS.bjUnion2, ORGS.gdUnion, ORGS.gdJoint].map((o) => ({
      __typename: 'Organization',
      id: o._id,
    }));
    const res = await f.gql(COUNTS, caller, { reps });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return Object.fromEntries(
      (res.data._entities as { id: string; members: { totalCount: number | null } }[]).map(
        ({ id, members, ...counts }) => [id, { ...counts, listed: members.totalCount }],
      ),
    );
  };

  it("withholds a union's counts under k, and where the counts beside it would give one away", async () => {
    expect(await unions(callers.analyst)).toEqual({
      // 10 members beside 11 records: the withdrawn one would show; 4 women under k.
      [ORGS.bjUnion._id]: { memberCount: null, femaleMemberCount: null, migrantWorkerCount: 0, listed: 11 },
      [ORGS.bjUnion2._id]: { memberCount: 5, femaleMemberCount: 5, migrantWorkerCount: 0, listed: 5 },
      // 4 members: beside them even a zero is withheld, as the members' own count is.
      [ORGS.gdUnion._id]: {
        memberCount: null,
        femaleMemberCount: null,
        migrantWorkerCount: null,
        listed: null,
      },
      // 5 women beside 7 members would show the 2 men; and the 7 are 天河's partner in 广东's 11.
      [ORGS.gdJoint._id]: {
        memberCount: null,
        femaleMemberCount: null,
        migrantWorkerCount: null,
        listed: null,
      },
    });
    expect(await unions(callers.national)).toEqual({
      [ORGS.bjUnion._id]: { memberCount: 10, femaleMemberCount: 4, migrantWorkerCount: 0, listed: 11 },
      [ORGS.bjUnion2._id]: { memberCount: 5, femaleMemberCount: 5, migrantWorkerCount: 0, listed: 5 },
      [ORGS.gdUnion._id]: { memberCount: 4, femaleMemberCount: 0, migrantWorkerCount: 0, listed: 4 },
      [ORGS.gdJoint._id]: { memberCount: 7, femaleMemberCount: 5, migrantWorkerCount: 0, listed: 7 },
    });
  });
});

describe('other lists of persons an analyst reads', () => {
  it('withholds the dues review of k−1 members and shows that of k', async () => {
    // Joined 2020 and never paid: every active member is due for review on 2026-06-01 (R16).
    const review = async (caller: Caller, o: string) => {
      const res = await f.gql(
        `query($o: ID!) { duesReview(organizationId: $o, first: 50) { totalCount nodes { id } } }`,
        caller,
        { o },
      );
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return { totalCount: res.data.duesReview.totalCount, listed: res.data.duesReview.nodes.length };
    };
    expect(await review(callers.analyst, ORGS.gdUnion._id)).toEqual({ totalCount: null, listed: 0 });
    expect(await review(callers.analyst, ORGS.bjUnion2._id)).toEqual({ totalCount: 5, listed: 5 });
    expect(await review(callers.gdUnion, ORGS.gdUnion._id)).toEqual({ totalCount: 4, listed: 4 });
  });
});

describe('memberStatistics under the same k', () => {
  const STATS = `query($by: MemberBreakdownKey!, $o: ID, $filter: MemberFilter) {
    memberStatistics(by: $by, organizationId: $o, filter: $filter) { total groups { key count suppressed } } }`;
  const stats = async (caller: Caller, by: string, o: string, filter?: Record<string, unknown>) => {
    const res = await f.gql(STATS, caller, { by, o, filter });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.memberStatistics;
  };
  const shown = (key: string, count: number) => ({ key, count, suppressed: false });
  const withheld = (key: string) => ({ key, count: null, suppressed: true });

  it('answers from the read model what memberBreakdown can: a lone withheld group takes a partner', async () => {
    // 北京 subtree: 15 active, 1 withdrawn; the total would give the withdrawn one away beside 15.
    expect(await stats(callers.analyst, 'STATUS', ORGS.beijing._id, { subtree: true })).toEqual({
      total: 16,
      groups: [withheld('ACTIVE'), withheld('WITHDRAWN')],
    });
    expect(await stats(callers.national, 'STATUS', ORGS.beijing._id, { subtree: true })).toEqual({
      total: 16,
      groups: [shown('ACTIVE', 15), shown('WITHDRAWN', 1)],
    });
  });

  it("refuses a union outside the caller's subtree on its own argument, either way it counts", async () => {
    for (const filter of [{ subtree: true }, {}]) {
      const res = await f.gql(
        `query($o: ID!, $filter: MemberFilter) { memberStatistics(by: GENDER, organizationId: $o, filter: $filter) { total } }`,
        callers.beijing,
        { o: ORGS.gdUnion._id, filter },
      );
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('counts from the records what only it asks (one union without its subtree), held to k at k−1 and k', async () => {
    // 朝阳 alone: 7 men, 4 women — 4 withheld, and the men beside them.
    expect(await stats(callers.analyst, 'GENDER', ORGS.bjUnion._id)).toEqual({
      total: 11,
      groups: [withheld('FEMALE'), withheld('MALE')],
    });
    expect(await stats(callers.analyst, 'GENDER', ORGS.bjUnion2._id)).toEqual({
      total: 5,
      groups: [shown('FEMALE', 5)],
    });
    // A union of 4: the total too.
    expect(await stats(callers.analyst, 'GENDER', ORGS.gdUnion._id)).toEqual({
      total: null,
      groups: [withheld('MALE')],
    });
    expect(await stats(callers.gdUnion, 'GENDER', ORGS.gdUnion._id)).toEqual({
      total: 4,
      groups: [shown('MALE', 4)],
    });
  });
});

describe('top-n for an analyst', () => {
  it('cuts after suppression: withheld rows come last, in code order, whatever their size', async () => {
    const res = await f.gql(
      `{ memberBreakdown(groupBy: [COUNTY], top: 3) { rows { values { code } count suppressed } suppressedCells } }`,
      callers.analyst,
    );
    // Counties: 朝阳 11, 南山 7, 海淀 5 (withheld beside 天河's 4, or the total gives 4 away), 天河 4.
    expect(res.data?.memberBreakdown).toEqual({
      rows: [
        { values: [{ code: '110105' }], count: 11, suppressed: false },
        { values: [{ code: '440305' }], count: 7, suppressed: false },
        { values: [{ code: '110108' }], count: null, suppressed: true },
      ],
      suppressedCells: 2,
    });
  });
});

describe('exportMemberBreakdown', () => {
  const EXPORT = `query($groupBy: [MemberDimension!]!, $format: StatisticsFileFormat!) {
    exportMemberBreakdown(groupBy: $groupBy, format: $format) { filename contentType rows downloadPath expiresAt } }`;
  const exported = async (caller: Caller, format: 'XLSX' | 'CSV') => {
    const res = await f.gql(EXPORT, caller, { groupBy: ['COUNTY', 'GENDER'], format });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const answer = res.data.exportMemberBreakdown;
    const id = String(answer.downloadPath).split('/').at(-1)!;
    const file = await findDownload(f.models.RosterDownload, id, caller);
    if (!file) throw new Error('no download');
    return { answer, file };
  };
  /** County × gender as an analyst reads it: only 海淀's 5 women are safe to show. */
  const ANALYST_LINES = [
    ['县（区）', '性别', '计数', '占比（%）'],
    ['海淀区', '女', 5, 18.52],
    ['朝阳区', '女', SUPPRESSED_MARK, SUPPRESSED_MARK],
    ['朝阳区', '男', SUPPRESSED_MARK, SUPPRESSED_MARK],
    ['天河区', '男', SUPPRESSED_MARK, SUPPRESSED_MARK],
    ['南山区', '女', SUPPRESSED_MARK, SUPPRESSED_MARK],
    ['南山区', '男', SUPPRESSED_MARK, SUPPRESSED_MARK],
    ['合计', null, 27, 100],
  ];

  it("writes an analyst's xlsx with Chinese headers and the marker for every withheld cell", async () => {
    const { answer, file } = await exported(callers.analyst, 'XLSX');
    expect(answer).toMatchObject({
      filename: 'member-breakdown-county-gender-2026-06-01.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      rows: 6,
      downloadPath: expect.stringMatching(/^\/downloads\/members\/[\w-]{43}$/),
    });
    const book = new Workbook();
    await book.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const lines = Array.from({ length: 8 }, (_, i) =>
      // An empty cell is a hole in exceljs's values, which map would skip.
      Array.from((sheet.getRow(i + 1).values as unknown[]).slice(1, 5), (v) => v ?? null),
    );
    // Withheld rows sort last, among themselves by code.
    expect(lines).toEqual(ANALYST_LINES);
    expect(sheet.getRow(10).getCell(1).value).toBe(
      `${SUPPRESSED_MARK} 不予公开：少于 5 人，或可由合计推算出少于 5 人的数字`,
    );
    // Nobody else fetches it.
    const id = String(answer.downloadPath).split('/').at(-1)!;
    expect(await findDownload(f.models.RosterDownload, id, callers.national)).toBeNull();
  });

  it("writes CSV with a byte-order mark, in English for an English reader; an administrator's file has the numbers", async () => {
    const { file } = await exported(english(callers.analyst), 'CSV');
    const text = file.content.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe("County or district of the member's union,Gender,Count,Share (%)");
    expect(lines[1]).toBe('海淀区,Female,5,18.52');
    expect(lines.filter((l) => l.endsWith(',*,*'))).toHaveLength(5);
    expect(lines[7]).toBe('Total,,27,100');

    const admin = (await exported(callers.national, 'CSV')).file.content
      .toString('utf8')
      .slice(1)
      .split('\r\n');
    expect(admin.slice(0, 8)).toEqual([
      '县（区）,性别,计数,占比（%）',
      '朝阳区,男,7,25.93',
      '海淀区,女,5,18.52',
      '南山区,女,5,18.52',
      '朝阳区,女,4,14.81',
      '天河区,男,4,14.81',
      '南山区,男,2,7.41',
      '合计,,27,100',
    ]);
    expect(admin.some((l) => l.includes(SUPPRESSED_MARK))).toBe(false);
  });

  it('refuses a member, as memberBreakdown does', async () => {
    const res = await f.gql(EXPORT, { id: 'm', roles: ['MEMBER'], orgId: ORGS.bjUnion._id } as Caller, {
      groupBy: ['GENDER'],
      format: 'CSV',
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
