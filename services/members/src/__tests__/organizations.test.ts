import { countCommands, ferretDbPushesDown } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { callers, type Fixture, ORGS, residentId, startFixture } from './fixtures';

let f: Fixture;
const unions = [ORGS.bjUnion, ORGS.bjUnion2, ORGS.gdUnion, ORGS.gdJoint];
beforeAll(async () => {
  f = await startFixture();
  // Per union: i+3 members, every other one female, the first a migrant worker, one withdrawn.
  for (const [i, u] of unions.entries()) {
    for (let k = 0; k < i + 3; k++) {
      await f.register({
        organizationId: u._id,
        residentId: residentId(
          k % 2 ? 'FEMALE' : 'MALE',
          k === 0 ? '1960-05-01' : '1995-05-01',
          u.divisionCode,
        ),
        migrantWorker: k === 0,
        joinedAt: `201${k}-06-01`,
      });
    }
  }
  const someone = await f.register({ organizationId: ORGS.gdJoint._id });
  await f.gql(
    `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: WITHDRAWN, reason: "离职") { id } }`,
    callers.national,
    {
      id: someone,
    },
  );
});
afterAll(() => f?.sg.stop());

const ENTITIES = `query($reps: [_Any!]!, $first: Int) { _entities(representations: $reps) { ... on Organization {
  id memberCount femaleMemberCount migrantWorkerCount members(first: $first) { totalCount nodes { id } pageInfo { hasNextPage } } } } }`;
const reps = (list: { _id: string }[]) => list.map((o) => ({ __typename: 'Organization', id: o._id }));

describe('Organization extension', () => {
  it('counts members, female members and migrant workers per union; lists members only in scope', async () => {
    const res = await f.gql(ENTITIES, callers.national, { reps: reps(unions), first: 2 });
    expect(res.errors).toBeUndefined();
    expect(
      res.data?._entities.map((o: Record<string, number>) => [
        o.memberCount,
        o.femaleMemberCount,
        o.migrantWorkerCount,
      ]),
    ).toEqual([
      [3, 1, 1],
      [4, 2, 1],
      [5, 2, 1],
      [6, 3, 1],
    ]);
    expect(res.data?._entities[3].members).toMatchObject({ totalCount: 7, pageInfo: { hasNextPage: true } });
    const outside = await f.gql(ENTITIES, callers.beijing, { reps: reps([ORGS.gdUnion]), first: 2 });
    expect(outside.data?._entities[0]).toMatchObject({ memberCount: 5, members: { totalCount: 0 } });
  });

  it('batches: database commands per request do not grow with page size or the number of unions', async () => {
    const counter = countCommands(f.sg.server.conn);
    const commandsFor = async (orgs: { _id: string }[], first: number) => {
      counter.reset();
      const res = await f.gql(ENTITIES, callers.national, { reps: reps(orgs), first });
      expect(res.errors).toBeUndefined();
      return counter.count;
    };
    const small = await commandsFor(unions.slice(0, 1), 1);
    expect(await commandsFor(unions, 1)).toBe(small);
    expect(await commandsFor(unions, 500)).toBe(small);
    // directory + three counts + the members of every union in one query
    expect(small).toBeLessThanOrEqual(5);
    counter.stop();
  });

  it('filters a union’s members and pages through them', async () => {
    const Q = `query($reps: [_Any!]!, $filter: MemberFilter, $after: String) { _entities(representations: $reps) { ... on Organization {
      members(first: 2, after: $after, filter: $filter) { totalCount nodes { gender } pageInfo { endCursor hasNextPage } } } } }`;
    const women = await f.gql(Q, callers.national, {
      reps: reps([ORGS.gdJoint]),
      filter: { gender: 'FEMALE' },
    });
    expect(women.data?._entities[0].members.totalCount).toBe(3);
    const next = await f.gql(Q, callers.national, {
      reps: reps([ORGS.gdJoint]),
      filter: { gender: 'FEMALE' },
      after: women.data?._entities[0].members.pageInfo.endCursor,
    });
    expect(next.data?._entities[0].members).toMatchObject({
      nodes: [{ gender: 'FEMALE' }],
      pageInfo: { hasNextPage: false },
    });
    const subtree = await f.gql(Q, callers.national, {
      reps: reps([ORGS.beijing]),
      filter: { subtree: true },
    });
    expect(subtree.data?._entities[0].members.totalCount).toBe(7);
    const self = await f.gql(Q, testCallers.member('nobody', ORGS.bjUnion._id), {
      reps: reps([ORGS.bjUnion]),
    });
    expect(self.data?._entities[0].members.totalCount).toBe(0);
  });
});

describe('analysts: filters and breakdowns', () => {
  const STATS = `query($by: MemberBreakdownKey!, $o: ID, $filter: MemberFilter) { memberStatistics(by: $by, organizationId: $o, filter: $filter) { total groups { key label count } } }`;

  it('breaks members down by province and by organization type', async () => {
    const byProvince = await f.gql(STATS, callers.analyst, {
      by: 'PROVINCE',
      filter: { status: ['ACTIVE'] },
    });
    expect(byProvince.data?.memberStatistics).toEqual({
      total: 18,
      groups: [
        { key: '440000', label: '广东省', count: 11 },
        { key: '110000', label: '北京市', count: 7 },
      ],
    });
    const byType = await f.gql(STATS, callers.analyst, {
      by: 'ORGANIZATION_TYPE',
      filter: { status: ['ACTIVE'] },
    });
    expect(byType.data?.memberStatistics.groups).toEqual([
      { key: 'GRASSROOTS', label: '基层工会', count: 12 },
      { key: 'JOINT_GRASSROOTS', label: '联合基层工会', count: 6 },
    ]);
    const byStatus = await f.gql(STATS, callers.analyst, {
      by: 'STATUS',
      o: ORGS.guangdong._id,
      filter: { subtree: true },
    });
    // Issue #19: one withdrawn member is under k, and 11 beside the total of 12 would give it away.
    expect(byStatus.data?.memberStatistics.groups).toEqual([
      { key: 'ACTIVE', label: '正常', count: null },
      { key: 'WITHDRAWN', label: '已退会', count: null },
    ]);
    const byStatusAdmin = await f.gql(STATS, callers.national, {
      by: 'STATUS',
      o: ORGS.guangdong._id,
      filter: { subtree: true },
    });
    expect(byStatusAdmin.data?.memberStatistics.groups).toEqual([
      { key: 'ACTIVE', label: '正常', count: 11 },
      { key: 'WITHDRAWN', label: '已退会', count: 1 },
    ]);
    // Labels are worded in the caller's language; region names are names, the same in both.
    const analystEn = { ...callers.analyst, language: 'en' as const };
    const inEnglish = async (by: string) =>
      (await f.gql(STATS, analystEn, { by, filter: { status: ['ACTIVE'] } })).data?.memberStatistics.groups;
    expect(await inEnglish('ORGANIZATION_TYPE')).toEqual([
      { key: 'GRASSROOTS', label: 'Basic-level union', count: 12 },
      { key: 'JOINT_GRASSROOTS', label: 'Joint basic-level union', count: 6 },
    ]);
    expect((await inEnglish('STATUS'))?.[0]).toEqual({ key: 'ACTIVE', label: 'Active', count: 18 });
    expect((await inEnglish('PROVINCE'))?.[0]).toEqual({ key: '440000', label: '广东省', count: 11 });
    const member = await f.gql(STATS, testCallers.member('x', ORGS.bjUnion._id), { by: 'GENDER' });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('filters by subtree, gender, migrant, joined period and age band', async () => {
    // The national administrator reads counts of any size; analysts' are held to k (disclosure.test.ts).
    const count = async (filter: Record<string, unknown>, o: string | null = ORGS.national._id) =>
      (
        await f.gql(
          `query($o: ID, $filter: MemberFilter) { members(organizationId: $o, filter: $filter) { totalCount } }`,
          callers.national,
          { o, filter },
        )
      ).data?.members.totalCount;
    expect(await count({ subtree: true, status: ['ACTIVE'] })).toBe(18);
    expect(await count({ subtree: true, migrantWorker: true })).toBe(4);
    expect(await count({ subtree: true, gender: 'FEMALE', status: ['ACTIVE'] })).toBe(8);
    expect(await count({ subtree: true, ageFrom: 60 })).toBe(4);
    expect(await count({ subtree: true, ageFrom: 20, ageTo: 40, status: ['ACTIVE'] })).toBe(14);
    expect(await count({ subtree: true, joinedFrom: '2011-01-01', joinedTo: '2012-12-31' })).toBe(8);
    expect(await count({ subtree: false })).toBe(0);
    const bad = await f.gql(
      `{ members(filter: { ageFrom: 50, ageTo: 20 }) { totalCount } }`,
      callers.analyst,
    );
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.ageFrom' });
    const analystSees = await f.gql(`{ members(first: 1) { nodes { residentId } } }`, callers.analyst);
    expect(analystSees.data?.members.nodes[0].residentId).toBeNull();
  });
});

describe('filters FerretDB can push down (#18)', () => {
  /** The filters of the `find` commands on members sent while `work` ran. */
  async function memberFinds(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
    const filters: Record<string, unknown>[] = [];
    const client = f.sg.server.conn.getClient();
    const seen = (e: { commandName: string; command: Record<string, unknown> }) => {
      if (e.commandName === 'find' && e.command.find === 'members')
        filters.push(e.command.filter as Record<string, unknown>);
    };
    client.on('commandStarted', seen);
    try {
      await work();
    } finally {
      client.off('commandStarted', seen);
    }
    return filters;
  }

  it('a scoped caller’s member page asks for its union by a top-level equality, never under $and', async () => {
    const filters = await memberFinds(async () => {
      const res = await f.gql(
        `query($o: ID) { members(organizationId: $o, first: 2, filter: { gender: FEMALE }) { totalCount nodes { gender } } }`,
        callers.beijing,
        { o: ORGS.bjUnion2._id },
      );
      expect(res.data?.members).toMatchObject({
        totalCount: 2,
        nodes: [{ gender: 'FEMALE' }, { gender: 'FEMALE' }],
      });
    });
    expect(filters).toEqual([{ organizationId: ORGS.bjUnion2._id, gender: 'FEMALE' }]);
  });

  it('a union’s members on its card are read per union where FerretDB filters the field itself', async () => {
    const pushedDown = ferretDbPushesDown(f.sg.server.conn, 'organizationId');
    const filters = await memberFinds(async () => {
      const res = await f.gql(ENTITIES, callers.national, { reps: reps(unions.slice(0, 2)), first: 5 });
      expect(
        res.data?._entities.map((o: { members: { totalCount: number } }) => o.members.totalCount),
      ).toEqual([3, 4]);
    });
    const ids = unions.slice(0, 2).map((u) => u._id);
    expect(filters).toEqual(
      pushedDown ? ids.map((organizationId) => ({ organizationId })) : [{ organizationId: { $in: ids } }],
    );
  });
});
