import { type Caller, findDownload, setClock } from '@union-graph/subgraph-kit';
import { publishOrgs } from '@union-graph/subgraph-kit/testing';
import { Workbook } from 'exceljs';
import { callers, type Fixture, ORGS, residentId, startFixture } from './fixtures';

/**
 * Issue #19: complementary suppression over the union tree. For every union
 * S(X) = own(X) + Σ S(child); an analyst reads each term (lists, memberCount, memberBreakdown
 * totals), so no such sum may keep exactly one withheld term.
 *
 * 北京: a group company's union (A) holds 3 members of its own, its two branches 6 and 5.
 * 广东: 天河 4 at first (then 5), 南山 6.
 */
const GROUP = {
  _id: 'org-bj-group',
  name: '北京某集团公司工会',
  path: [...ORGS.beijing.path, 'org-bj-group'],
};
const branch = (_id: string, name: string) => ({
  _id,
  name,
  type: 'BRANCH',
  divisionCode: '110105',
  path: [...GROUP.path, _id],
});
const UNITS = { group: GROUP._id, first: 'org-bj-group-1', second: 'org-bj-group-2' };
let f: Fixture;
const register = (organizationId: string, n: number) =>
  Promise.all(
    Array.from({ length: n }, () =>
      f.register({ organizationId, residentId: residentId('MALE', '1988-05-05'), joinedAt: '2020-03-01' }),
    ),
  );

beforeAll(async () => {
  setClock('2026-06-01T04:00:00Z');
  f = await startFixture();
  await publishOrgs(f.sg.server, [
    { ...GROUP, type: 'GRASSROOTS', divisionCode: '110105' },
    branch(UNITS.first, '北京某集团公司工会第一分会'),
    branch(UNITS.second, '北京某集团公司工会第二分会'),
  ]);
  await f.sg.server.caughtUp();
  await register(UNITS.group, 3);
  await register(UNITS.first, 6);
  await register(UNITS.second, 5);
  await register(ORGS.gdUnion._id, 4);
  await register(ORGS.gdJoint._id, 6);
  await f.sg.server.caughtUp();
});
afterAll(async () => {
  setClock(null);
  await f?.sg.stop();
});

const COUNTS = `query($o: ID!) {
  own: members(organizationId: $o, first: 50) { totalCount nodes { id } }
  subtree: members(organizationId: $o, filter: { subtree: true }, first: 50) { totalCount nodes { id } }
  active: members(organizationId: $o, filter: { subtree: true, status: [ACTIVE] }, first: 1) { totalCount }
  memberBreakdown(groupBy: [GENDER], filter: { organizationId: $o }) { total suppressedCells rows { count suppressed } }
  _entities(representations: [{ __typename: "Organization", id: $o }]) { ... on Organization { memberCount } }
}`;

/** Every count of a union an analyst may read, as the caller reads them. */
async function countsOf(caller: Caller, o: string) {
  const res = await f.gql(COUNTS, caller, { o });
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  const { own, subtree, active, memberBreakdown, _entities } = res.data;
  // A withheld list shows no members either, nor does its table show any cell.
  expect(own.nodes).toHaveLength(own.totalCount ?? 0);
  expect(subtree.nodes).toHaveLength(subtree.totalCount ?? 0);
  if (memberBreakdown.total === null)
    expect(memberBreakdown.rows.every((r: { suppressed: boolean }) => r.suppressed)).toBe(true);
  return {
    own: own.totalCount,
    memberCount: _entities[0].memberCount,
    subtree: subtree.totalCount,
    activeInSubtree: active.totalCount,
    breakdownTotal: memberBreakdown.total,
  };
}

const shown = (own: number, subtree: number) => ({
  own,
  memberCount: own,
  subtree,
  activeInSubtree: subtree,
  breakdownTotal: subtree,
});
const ownWithheld = (subtree: number) => ({ ...shown(0, subtree), own: null, memberCount: null });
const WITHHELD = { own: null, memberCount: null, subtree: null, activeInSubtree: null, breakdownTotal: null };

describe('complementary suppression over the union tree', () => {
  it("withholds a partner beside a union's own 3 members, so its subtree minus its children's cannot be formed", async () => {
    // 14 = 3 + 6 + 5: the 3 are withheld, and so is the smallest other term of the sum, the second
    // branch's subtree (5) — then its own count too, since its subtree is its own count.
    expect(await countsOf(callers.analyst, UNITS.group)).toEqual(ownWithheld(14));
    expect(await countsOf(callers.analyst, UNITS.first)).toEqual(shown(6, 6));
    expect(await countsOf(callers.analyst, UNITS.second)).toEqual(WITHHELD);
    // Above it nothing more: 北京's own members and other unions are known zeros, never partners.
    expect(await countsOf(callers.analyst, ORGS.beijing._id)).toEqual(shown(0, 14));
    expect(await countsOf(callers.analyst, ORGS.bjUnion._id)).toEqual(shown(0, 0));
  });

  it('shows an administrator the exact figures', async () => {
    expect(await countsOf(callers.national, UNITS.group)).toEqual(shown(3, 14));
    expect(await countsOf(callers.national, UNITS.second)).toEqual(shown(5, 5));
    expect(await countsOf(callers.beijing, UNITS.second)).toEqual(shown(5, 5));
  });

  it('withholds a roster of k−1 members from an analyst, and one the tree withholds; shows one of k', async () => {
    const EXPORT = `query($o: ID!, $subtree: Boolean) { exportRoster(organizationId: $o, subtree: $subtree) { rows downloadPath } }`;
    const exported = async (caller: Caller, o: string, subtree = false) => {
      const res = await f.gql(EXPORT, caller, { o, subtree });
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      const { rows, downloadPath } = res.data.exportRoster;
      const file = await findDownload(
        f.models.RosterDownload,
        String(downloadPath).split('/').at(-1)!,
        caller,
      );
      const book = new Workbook();
      await book.xlsx.load(file!.content as unknown as ArrayBuffer);
      // The header line, then one line per member.
      return { rows, lines: book.worksheets[0]!.actualRowCount - 1 };
    };
    expect(await exported(callers.analyst, ORGS.gdUnion._id)).toEqual({ rows: null, lines: 0 });
    expect(await exported(callers.guangdong, ORGS.gdUnion._id)).toEqual({ rows: 4, lines: 4 });
    // The second branch's 5 are k, but withheld by the tree: the file would count them.
    expect(await exported(callers.analyst, UNITS.second, true)).toEqual({ rows: null, lines: 0 });
    expect(await exported(callers.analyst, UNITS.first)).toEqual({ rows: 6, lines: 6 });
    // 天河's 4 take 南山's subtree as partner (广东's 10 less 南山's 6 would give them away).
    expect(await countsOf(callers.analyst, ORGS.gdJoint._id)).toEqual(WITHHELD);
    expect(await countsOf(callers.analyst, ORGS.guangdong._id)).toEqual(shown(0, 10));

    // The read model's next version is suppressed afresh.
    await register(ORGS.gdUnion._id, 1);
    await f.sg.server.caughtUp();
    expect(await exported(callers.analyst, ORGS.gdUnion._id)).toEqual({ rows: 5, lines: 5 });
  });

  it('withholds nothing in a tree with nothing to hide', async () => {
    // 广东 now: 天河 5, 南山 6, none of its own (a known zero).
    expect(await countsOf(callers.analyst, ORGS.guangdong._id)).toEqual(shown(0, 11));
    expect(await countsOf(callers.analyst, ORGS.gdUnion._id)).toEqual(shown(5, 5));
    expect(await countsOf(callers.analyst, ORGS.gdJoint._id)).toEqual(shown(6, 6));
    expect(await countsOf(callers.analyst, ORGS.national._id)).toEqual(shown(0, 25));
  });
});
