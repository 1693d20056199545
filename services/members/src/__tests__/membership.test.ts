import { makeCreditCode } from '@union-graph/domain';
import { type ChangeEvent, publishChanges, resyncKey, setClock } from '@union-graph/subgraph-kit';
import { type DirectoryEntry, publishOrgs, testCallers } from '@union-graph/subgraph-kit/testing';
import { callers, type Fixture, ORGS, REGISTER, residentId, startFixture } from './fixtures';

/** §6 flexible workers, §8/R12 join at source (with the unit directory behind it), transfer lists. */
let f: Fixture;

const under = (parent: DirectoryEntry, fields: Omit<DirectoryEntry, 'path'>): DirectoryEntry => ({
  ...fields,
  path: [...parent.path, fields._id],
});
const EXTRA = {
  courier: under(ORGS.beijing, {
    _id: 'org-bj-courier',
    name: '朝阳区快递行业工会联合会',
    type: 'SECTORAL_FEDERATION',
    divisionCode: '110105',
  }),
  branch: under(ORGS.bjUnion, {
    _id: 'org-bj-1-branch',
    name: '朝阳某公司工会第一分会',
    type: 'BRANCH',
    divisionCode: '110105',
  }),
};

const code = (n: number) => makeCreditCode('91', '110105', n);
interface Unit {
  id: string;
  creditCode: string;
  name: string;
  coveredBy: string | null;
}
const UNITS = {
  a: { id: 'unit-a', creditCode: code(1), name: '朝阳某公司', coveredBy: ORGS.bjUnion._id },
  b: { id: 'unit-b', creditCode: code(2), name: '海淀某公司', coveredBy: ORGS.bjUnion2._id },
  gone: { id: 'unit-gone', creditCode: code(3), name: '已撤销工会的公司', coveredBy: ORGS.bjDissolved._id },
  gd: { id: 'unit-gd', creditCode: makeCreditCode('91', '440106', 4), name: '天河某公司', coveredBy: null },
} satisfies Record<string, Unit>;
/** A valid credit code organizations never announced. */
const UNKNOWN_CODE = code(99);

function unitEvent(
  u: Unit,
  version: number,
  extra: Partial<ChangeEvent> & { data?: unknown } = {},
): ChangeEvent {
  const { id, ...data } = u;
  return { type: 'HostUnit', id, op: 'upsert', version, data, ...extra };
}

/** Publishes on the organizations stream, as organizations does, and waits for members to apply it. */
async function fromOrganizations(events: ChangeEvent[]) {
  await publishChanges(f.sg.server.redis, f.sg.server.keyspace, 'organizations', events);
  await f.sg.server.directory?.caughtUp();
}

const stored = (id: string) => f.models.UnitDirectory.findById(id).lean();

async function resyncAsked(): Promise<string[]> {
  const key = resyncKey(f.sg.server.keyspace, 'organizations');
  const entries = await f.sg.server.redis.xrange(key, '-', '+');
  return entries.flatMap(([, fields]) => {
    const ids = (JSON.parse(fields[1]!) as ChangeEvent<{ ids: string[] | 'all' }>).data?.ids;
    return Array.isArray(ids) ? ids : [];
  });
}

beforeAll(async () => {
  f = await startFixture();
  await publishOrgs(f.sg.server, Object.values(EXTRA));
  await fromOrganizations([unitEvent(UNITS.a, 2), unitEvent(UNITS.b, 2), unitEvent(UNITS.gone, 2)]);
});
afterEach(() => setClock(null));
afterAll(() => f?.sg.stop());

describe('the unit directory (read model of organizations’ host units)', () => {
  const x: Unit = { id: 'unit-x', creditCode: code(10), name: '某物流公司', coveredBy: ORGS.bjUnion._id };

  it('keeps the newest snapshot whatever order and however often events arrive', async () => {
    await fromOrganizations([unitEvent(x, 3)]);
    await fromOrganizations([unitEvent({ ...x, coveredBy: null }, 2), unitEvent(x, 3)]);
    expect(await stored(x.id)).toEqual({
      _id: x.id,
      creditCode: x.creditCode,
      name: x.name,
      coveredBy: ORGS.bjUnion._id,
      version: 3,
    });
    expect(await resyncAsked()).not.toContain(x.id);
  });

  it('asks organizations again on a contradiction, and takes its re-published state', async () => {
    // Another content at the version held: kept as it is until organizations says which is true.
    await fromOrganizations([unitEvent({ ...x, coveredBy: ORGS.bjUnion2._id }, 3)]);
    expect((await stored(x.id))?.coveredBy).toBe(ORGS.bjUnion._id);
    expect(await resyncAsked()).toContain(x.id);
    await fromOrganizations([unitEvent({ ...x, coveredBy: ORGS.bjUnion2._id }, 3, { resync: true })]);
    expect(await stored(x.id)).toMatchObject({ coveredBy: ORGS.bjUnion2._id, version: 3 });
  });

  it('takes a newer version after a gap but asks again; an event without a snapshot changes nothing', async () => {
    const y: Unit = { ...x, id: 'unit-y', creditCode: code(11) };
    await fromOrganizations([unitEvent(y, 1)]);
    await fromOrganizations([unitEvent({ ...y, name: '某物流有限公司' }, 3)]);
    expect(await stored(y.id)).toMatchObject({ name: '某物流有限公司', version: 3 });
    expect(await resyncAsked()).toContain(y.id);
    const z: Unit = { ...x, id: 'unit-z', creditCode: code(12) };
    await fromOrganizations([{ type: 'HostUnit', id: z.id, op: 'upsert', version: 4 }]);
    expect(await stored(z.id)).toBeNull();
    expect(await resyncAsked()).toContain(z.id);
  });
});

const person = (organizationId: string, extra: Record<string, unknown> = {}) => ({
  organizationId,
  name: '李娜',
  residentId: residentId('FEMALE'),
  joinedAt: '2024-05-01',
  ...extra,
});

async function register(input: Record<string, unknown>) {
  return f.gql(REGISTER, callers.national, { input });
}

const membersOf = (residentIdNumber: string) =>
  f.models.Member.countDocuments({ residentId: residentIdNumber });

describe('join at source (源头入会, §8, R12)', () => {
  it('registers a worker at the union covering their employer, or at a branch below it', async () => {
    for (const union of [ORGS.bjUnion._id, EXTRA.branch._id]) {
      const res = await register(person(union, { employerCreditCode: UNITS.a.creditCode }));
      expect(res.errors).toBeUndefined();
    }
  });

  it('refuses an employer another union covers, naming the employer and the union', async () => {
    const input = person(ORGS.bjUnion._id, { employerCreditCode: UNITS.b.creditCode });
    const res = await register(input);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.employerCreditCode',
      rule: 'R12',
      employerCreditCode: UNITS.b.creditCode,
      employerName: UNITS.b.name,
      organizationId: ORGS.bjUnion._id,
      organizationName: ORGS.bjUnion.name,
      coveredBy: ORGS.bjUnion2._id,
    });
    expect(res.errors?.[0]?.message).toMatch(
      /^input\.employerCreditCode：工作单位海淀某公司.*不是朝阳某公司工会的/,
    );
    expect(await membersOf(input.residentId)).toBe(0);
  });

  it('refuses an employer the directory does not know at a union whose units it knows', async () => {
    const input = person(ORGS.bjUnion._id, { employerCreditCode: UNKNOWN_CODE });
    const res = await register(input);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', employerName: null });
    expect(await membersOf(input.residentId)).toBe(0);
  });

  it('allows (and logs) where it cannot tell: a union without known units, a stale coverage, no employer', async () => {
    for (const input of [
      person(ORGS.gdUnion._id, { employerCreditCode: UNITS.b.creditCode }),
      // Covered by a dissolved union: organizations has not re-published the unit yet.
      person(ORGS.bjUnion._id, { employerCreditCode: UNITS.gone.creditCode }),
      person(ORGS.bjUnion._id),
    ]) {
      expect((await register(input)).errors).toBeUndefined();
      expect(await membersOf(input.residentId)).toBe(1);
    }
  });

  it('checks online applications when made and again on approval', async () => {
    const APPLY = `mutation($input: MemberInput!) { applyForMembership(input: $input) { id status online } }`;
    const wrong = await f.gql(APPLY, callers.portal, {
      input: person(ORGS.bjUnion._id, { employerCreditCode: UNITS.b.creditCode }),
    });
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.employerCreditCode',
    });

    // gdUnion's units are not known yet: the application is taken…
    const input = person(ORGS.gdUnion._id, { employerCreditCode: UNITS.a.creditCode });
    const applied = await f.gql(APPLY, callers.portal, { input });
    expect(applied.data?.applyForMembership).toMatchObject({ status: 'PENDING', online: true });
    // …then organizations announces gdUnion's own unit, and the approval finds the employer elsewhere.
    await fromOrganizations([unitEvent({ ...UNITS.gd, coveredBy: ORGS.gdUnion._id }, 2)]);
    const approved = await f.gql(
      `mutation($id: ID!) { approveMembershipApplication(id: $id) { status } }`,
      callers.gdUnion,
      { id: applied.data?.applyForMembership.id },
    );
    expect(approved.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(
      await f.models.MembershipApplication.findById(applied.data?.applyForMembership.id).lean(),
    ).toMatchObject({
      status: 'PENDING',
    });
    expect(await membersOf(input.residentId)).toBe(0);
  });

  it('reports roster rows whose employer is another union’s, and imports the rest', async () => {
    const [right, wrong] = [residentId('MALE'), residentId('MALE')];
    const content = [
      '姓名,身份证号码,工作单位统一社会信用代码',
      `赵一,${right},${UNITS.a.creditCode}`,
      `钱二,${wrong},${UNITS.b.creditCode}`,
    ];
    const res = await f.gql(
      `mutation($input: RosterImportInput!) { importRoster(input: $input) { rows imported problems { row column message } } }`,
      callers.bjUnion,
      {
        input: {
          organizationId: ORGS.bjUnion._id,
          format: 'CSV',
          contentBase64: Buffer.from(content.join('\n')).toString('base64'),
        },
      },
    );
    expect(res.data?.importRoster).toMatchObject({
      rows: 2,
      imported: 1,
      problems: [{ row: 3, column: '工作单位统一社会信用代码' }],
    });
    expect(res.data?.importRoster.problems[0].message).toContain('海淀某公司');
    expect([await membersOf(right), await membersOf(wrong)]).toEqual([1, 0]);
  });

  it('transfers only to the new employer’s union (R12)', async () => {
    const res = await register(person(ORGS.bjUnion._id, { employerCreditCode: UNITS.a.creditCode }));
    const memberId = res.data?.registerMember.id as string;
    const OPEN = `mutation($input: OpenTransferInput!) { openMemberTransfer(input: $input) { status } }`;
    const open = (extra: Record<string, unknown>) =>
      f.gql(OPEN, callers.national, { input: { memberId, toOrganizationId: ORGS.bjUnion2._id, ...extra } });
    // Still employed by unit A, whose union is the old one.
    expect((await open({})).errors?.[0]?.extensions).toMatchObject({
      field: 'input.toOrganizationId',
      employerName: UNITS.a.name,
    });
    expect((await open({ newEmployerCreditCode: UNKNOWN_CODE })).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.newEmployerCreditCode',
    });
    expect(await f.models.MemberTransfer.countDocuments({ memberId })).toBe(0);
    expect((await f.models.Member.findById(memberId).lean())?.status).toBe('ACTIVE');
    expect((await open({ newEmployerCreditCode: UNITS.b.creditCode })).data?.openMemberTransfer.status).toBe(
      'OPEN',
    );
  });
});

describe('flexible and scattered workers (§6)', () => {
  it('join a sectoral federation online, exempt from the employer check; others may not join it', async () => {
    const fixed = await register(person(EXTRA.courier._id));
    expect(fixed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    expect(fixed.errors?.[0]?.message).toContain('朝阳区快递行业工会联合会不接收会员');

    const APPLY = `mutation($input: MemberInput!) { applyForMembership(input: $input) { id online flexibleWork } }`;
    const applied = await f.gql(APPLY, callers.portal, {
      input: person(EXTRA.courier._id, {
        name: '王强',
        residentId: residentId('MALE'),
        flexibleWork: 'COURIER',
      }),
    });
    expect(applied.data?.applyForMembership).toMatchObject({ online: true, flexibleWork: 'COURIER' });
    const approved = await f.gql(
      `mutation($id: ID!) { approveMembershipApplication(id: $id) { member { flexibleWork organization { id } } } }`,
      callers.beijing,
      { id: applied.data?.applyForMembership.id },
    );
    expect(approved.data?.approveMembershipApplication.member).toEqual({
      flexibleWork: 'COURIER',
      organization: { id: EXTRA.courier._id },
    });
    // A rider registered at a company union with another union's employer code: no employer check.
    const rider = await register(
      person(ORGS.bjUnion2._id, {
        flexibleWork: 'FOOD_DELIVERY_RIDER',
        employerCreditCode: UNITS.a.creditCode,
      }),
    );
    expect(rider.errors).toBeUndefined();
  });

  it('are counted apart: Organization, statistics and the member filter', async () => {
    const counts = await f.gql(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id memberCount flexibleWorkerCount } } }`,
      callers.national,
      {
        reps: [EXTRA.courier._id, ORGS.bjUnion2._id, ORGS.bjUnion._id].map((id) => ({
          __typename: 'Organization',
          id,
        })),
      },
    );
    expect(counts.data?._entities.map((o: { flexibleWorkerCount: number }) => o.flexibleWorkerCount)).toEqual(
      [1, 1, 0],
    );

    const STATS = `query($o: ID!) { memberStatistics(organizationId: $o, filter: { subtree: true }, by: FLEXIBLE_WORK) { total groups { key label count } } }`;
    // An administrator reads the groups of one; an analyst, held to k (issue #19), does not.
    const stats = await f.gql(STATS, callers.national, { o: ORGS.beijing._id });
    const held = await f.gql(STATS, callers.analyst, { o: ORGS.beijing._id });
    expect(
      held.data?.memberStatistics.groups
        .filter((g: { count: number | null }) => g.count === null)
        .map((g: { key: string }) => g.key),
    ).toEqual(expect.arrayContaining(['COURIER', 'FOOD_DELIVERY_RIDER']));
    const groups = stats.data?.memberStatistics.groups as { key: string; label: string; count: number }[];
    expect(groups.filter((g) => g.key !== 'FIXED_EMPLOYER')).toEqual([
      { key: 'COURIER', label: '快递员', count: 1 },
      { key: 'FOOD_DELIVERY_RIDER', label: '外卖送餐员', count: 1 },
    ]);
    expect(groups.find((g) => g.key === 'FIXED_EMPLOYER')?.label).toBe('有固定用人单位');
    expect(stats.data?.memberStatistics.total).toBe(groups.reduce((n, g) => n + g.count, 0));

    const listed = await f.gql(
      `query($o: ID!) { members(organizationId: $o, filter: { subtree: true, flexibleWorker: true }) { totalCount } }`,
      callers.beijing,
      { o: ORGS.beijing._id },
    );
    expect(listed.data?.members.totalCount).toBe(2);
  });
});

describe('transfers listed over a subtree (R12)', () => {
  const LIST = `query($o: ID, $d: TransferDirection, $filter: MemberTransferFilter) {
    memberTransfers(organizationId: $o, direction: $d, filter: $filter, first: 50) { totalCount nodes { id status } } }`;
  const MARCH = { openedFrom: '2026-03-01', openedTo: '2026-03-03' };
  const ids: Record<'bjToBj' | 'bjToGd' | 'gdToBj', string> = { bjToBj: '', bjToGd: '', gdToBj: '' };
  const OPEN = `mutation($input: OpenTransferInput!) { openMemberTransfer(input: $input) { id certificateCode } }`;

  async function openAt(at: string, from: string, to: string, newEmployerCreditCode: string | null) {
    setClock(at);
    const reg = await register(person(from));
    const res = await f.gql(OPEN, callers.national, {
      input: { memberId: reg.data?.registerMember.id, toOrganizationId: to, newEmployerCreditCode },
    });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.openMemberTransfer as { id: string; certificateCode: string };
  }

  beforeAll(async () => {
    // 23:59:59 on 1 March in Beijing, then Beijing midnight of 2 March, then 3 March.
    ids.bjToBj = (
      await openAt('2026-03-01T15:59:59Z', ORGS.bjUnion._id, ORGS.bjUnion2._id, UNITS.b.creditCode)
    ).id;
    const toGd = await openAt(
      '2026-03-01T16:00:00Z',
      ORGS.bjUnion._id,
      ORGS.gdUnion._id,
      UNITS.gd.creditCode,
    );
    ids.bjToGd = toGd.id;
    await f.gql(
      `mutation($id: ID!, $c: String!) { acceptMemberTransfer(id: $id, certificateCode: $c) { status } }`,
      callers.gdUnion,
      {
        id: toGd.id,
        c: toGd.certificateCode,
      },
    );
    ids.gdToBj = (
      await openAt('2026-03-03T02:00:00Z', ORGS.gdUnion._id, ORGS.bjUnion2._id, UNITS.b.creditCode)
    ).id;
    await f.gql(
      `mutation($id: ID!) { rejectMemberTransfer(id: $id, reason: "不属于本单位职工") { status } }`,
      callers.national,
      {
        id: ids.gdToBj,
      },
    );
    setClock(null);
  });

  const list = async (caller: Parameters<Fixture['gql']>[1], variables: Record<string, unknown>) => {
    const res = await f.gql(LIST, caller, variables);
    if (!res.data) return res.errors?.[0]?.extensions;
    return Object.fromEntries(
      (res.data.memberTransfers.nodes as { id: string; status: string }[]).map((n) => [
        Object.entries(ids).find(([, id]) => id === n.id)?.[0] ?? n.id,
        n.status,
      ]),
    );
  };

  it('the national view lists every transfer, with or without a union', async () => {
    const expected = { bjToBj: 'OPEN', bjToGd: 'COMPLETED', gdToBj: 'REJECTED' };
    expect(await list(callers.national, { filter: MARCH })).toEqual(expected);
    expect(
      await list(callers.national, { o: ORGS.national._id, filter: { ...MARCH, subtree: true } }),
    ).toEqual(expected);
    // Without the subtree, the national federation itself has no transfers.
    expect(await list(callers.national, { o: ORGS.national._id, filter: MARCH })).toEqual({});
  });

  it('a province sees both sides crossing it, by direction', async () => {
    const bj = (d: string) =>
      list(callers.beijing, { o: ORGS.beijing._id, d, filter: { ...MARCH, subtree: true } });
    expect(await bj('BOTH')).toEqual({ bjToBj: 'OPEN', bjToGd: 'COMPLETED', gdToBj: 'REJECTED' });
    expect(await bj('INCOMING')).toEqual({ bjToBj: 'OPEN', gdToBj: 'REJECTED' });
    expect(await bj('OUTGOING')).toEqual({ bjToBj: 'OPEN', bjToGd: 'COMPLETED' });
    expect(await list(callers.guangdong, { filter: MARCH })).toEqual({
      bjToGd: 'COMPLETED',
      gdToBj: 'REJECTED',
    });
  });

  it('filters by status', async () => {
    const by = (status: string[]) => list(callers.national, { filter: { ...MARCH, status } });
    expect(await by(['OPEN'])).toEqual({ bjToBj: 'OPEN' });
    expect(await by(['COMPLETED'])).toEqual({ bjToGd: 'COMPLETED' });
    expect(await by(['OPEN', 'REJECTED'])).toEqual({ bjToBj: 'OPEN', gdToBj: 'REJECTED' });
    expect(await by(['ACCEPTED', 'CANCELLED'])).toEqual({});
  });

  it("filters by China's day of opening (Beijing midnight = 16:00 UTC)", async () => {
    const between = (openedFrom: string, openedTo: string) =>
      list(callers.national, { filter: { openedFrom, openedTo } });
    expect(await between('2026-03-01', '2026-03-01')).toEqual({ bjToBj: 'OPEN' });
    expect(await between('2026-03-02', '2026-03-02')).toEqual({ bjToGd: 'COMPLETED' });
    expect(await between('2026-03-03', '2026-03-03')).toEqual({ gdToBj: 'REJECTED' });
    expect(await between('2026-03-02', '2026-03-01')).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.openedFrom',
    });
  });

  it('stays within the caller’s scope', async () => {
    expect(await list(callers.beijing, { o: ORGS.guangdong._id, filter: { subtree: true } })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await list(callers.gdUnion, { filter: MARCH })).toEqual({
      bjToGd: 'COMPLETED',
      gdToBj: 'REJECTED',
    });
    const moved = await f.models.MemberTransfer.findById(ids.bjToGd).lean();
    const member = testCallers.member(moved!.memberId, ORGS.gdUnion._id);
    expect(await list(member, { filter: MARCH })).toEqual({ bjToGd: 'COMPLETED' });
  });
});
