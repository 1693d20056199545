import { makeResidentId, residentIdCheckChar } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { cardNumberProblem, mod11_2 } from '../domain/cards';
import { callers, type Fixture, ORGS, REGISTER, residentId, startFixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

const MEMBER = `query($id: ID!) { member(id: $id) {
  id name gender residentId mobile birthDate status organization { id } card { number issuedBy { id } }
  history { action by changes { field from to } } } }`;

describe('registration: the resident ID and the other details', () => {
  const bad: [string, Record<string, unknown>, string][] = [
    ['a malformed ID number', { residentId: '11010519900307' }, 'input.residentId'],
    [
      'a wrong check digit',
      { residentId: `${makeResidentId('110105', '1990-03-07', 11).slice(0, 17)}0` },
      'input.residentId',
    ],
    [
      'an impossible birth date',
      {
        residentId: (() => {
          const b = '11010519900230123';
          return b + residentIdCheckChar(b);
        })(),
      },
      'input.residentId',
    ],
    [
      'a gender that disagrees with the number',
      { residentId: makeResidentId('110105', '1990-03-07', 13), gender: 'FEMALE' },
      'input.gender',
    ],
    ['a bad mobile number', { mobile: '12345' }, 'input.mobile'],
    ['a bad employer credit code', { employerCreditCode: '91110105MA00000000' }, 'input.employerCreditCode'],
    ['a joined date in the future', { joinedAt: '2999-01-01' }, 'input.joinedAt'],
    [
      'a joined date before the age of 16',
      { residentId: makeResidentId('110105', '2010-01-01', 15), joinedAt: '2020-01-01' },
      'input.joinedAt',
    ],
    ['an empty name', { name: '  ' }, 'input.name'],
  ];
  it.each(bad)(
    'refuses %s with BAD_USER_INPUT naming the field, writing nothing',
    async (_what, override, field) => {
      const before = await f.models.Member.countDocuments();
      const res = await f.gql(REGISTER, callers.national, {
        input: { organizationId: ORGS.bjUnion._id, name: '李四', residentId: residentId(), ...override },
      });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await f.models.Member.countDocuments()).toBe(before);
    },
  );

  it('derives gender and birth date from the number', async () => {
    const rid = residentId('FEMALE', '1985-11-30');
    const id = await f.register({ residentId: rid, mobile: '13800138000' });
    const res = await f.gql(MEMBER, callers.national, { id });
    expect(res.data?.member).toMatchObject({
      gender: 'FEMALE',
      birthDate: '1985-11-30',
      residentId: rid,
      status: 'ACTIVE',
    });
    expect(res.data?.member.history).toEqual([{ action: 'REGISTERED', by: 'national-admin', changes: [] }]);
  });

  it('refuses unknown, out-of-scope, dissolved and non-basic-level unions', async () => {
    const input = (organizationId: string) => ({
      input: { organizationId, name: '王五', residentId: residentId() },
    });
    const unknown = await f.gql(REGISTER, callers.national, input('org-missing'));
    expect(unknown.errors?.[0]?.extensions).toMatchObject({
      code: 'NOT_FOUND',
      field: 'input.organizationId',
    });
    const outside = await f.gql(REGISTER, callers.beijing, input(ORGS.gdUnion._id));
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const dissolved = await f.gql(REGISTER, callers.national, input(ORGS.bjDissolved._id));
    expect(dissolved.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    const federation = await f.gql(REGISTER, callers.national, input(ORGS.beijing._id));
    expect(federation.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.organizationId',
    });
    const analyst = await f.gql(REGISTER, callers.analyst, input(ORGS.bjUnion._id));
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('one person, one membership', () => {
  it('refuses a second registration with CONFLICT naming the union, within what the caller may see', async () => {
    const rid = residentId();
    await f.register({ residentId: rid });
    const again = await f.gql(REGISTER, callers.beijing, {
      input: { organizationId: ORGS.bjUnion2._id, name: '张三', residentId: rid },
    });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'residentId',
      organizationId: ORGS.bjUnion._id,
    });
    expect(again.errors?.[0]?.message).toContain(ORGS.bjUnion.name);
    const elsewhere = await f.gql(REGISTER, callers.guangdong, {
      input: { organizationId: ORGS.gdUnion._id, name: '张三', residentId: rid },
    });
    expect(elsewhere.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(elsewhere.errors?.[0]?.message).not.toContain(ORGS.bjUnion.name);
    expect(await f.models.Member.countDocuments({ residentId: rid })).toBe(1);
  });

  it('lets exactly one of many concurrent registrations of one person win', async () => {
    const rid = residentId();
    const results = await Promise.all(
      [ORGS.bjUnion, ORGS.bjUnion2, ORGS.gdUnion, ORGS.gdJoint].map((o) =>
        f.gql(REGISTER, callers.national, {
          input: { organizationId: o._id, name: '赵六', residentId: rid },
        }),
      ),
    );
    expect(results.filter((r) => r.data?.registerMember).length).toBe(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT').length).toBe(3);
    expect(await f.models.Member.countDocuments({ residentId: rid })).toBe(1);
  });

  it('frees the number when the membership ends, so the person can join again', async () => {
    const rid = residentId();
    const id = await f.register({ residentId: rid });
    const withdrawn = await f.gql(
      `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: WITHDRAWN, reason: "离职") { status } }`,
      callers.national,
      { id },
    );
    expect(withdrawn.data?.changeMemberStatus.status).toBe('WITHDRAWN');
    await f.register({ residentId: rid, organizationId: ORGS.gdUnion._id });
    const reinstate = await f.gql(
      `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: ACTIVE, reason: "恢复") { status } }`,
      callers.national,
      { id },
    );
    expect(reinstate.errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });
});

describe('joining: application, approval, card, induction', () => {
  const APPLY = `mutation($input: MemberInput!) { applyForMembership(input: $input) { id status residentId } }`;
  const APPROVE = `mutation($id: ID!) { approveMembershipApplication(id: $id, note: "同意") { status member { id status } } }`;

  it('goes from application to member card to induction', async () => {
    const rid = residentId('FEMALE');
    const applied = await f.gql(APPLY, callers.portal, {
      input: {
        organizationId: ORGS.gdUnion._id,
        name: '陈七',
        residentId: rid,
        employerCreditCode: null,
        migrantWorker: true,
      },
    });
    expect(applied.data?.applyForMembership).toMatchObject({ status: 'PENDING' });
    const appId = applied.data!.applyForMembership.id;
    expect(applied.data?.applyForMembership.residentId).not.toBe(rid);

    const wrongUnion = await f.gql(APPROVE, callers.beijing, { id: appId });
    expect(wrongUnion.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const approved = await f.gql(APPROVE, callers.gdUnion, { id: appId });
    expect(approved.data?.approveMembershipApplication).toMatchObject({
      status: 'APPROVED',
      member: { id: appId, status: 'ACTIVE' },
    });
    const twice = await f.gql(APPROVE, callers.gdUnion, { id: appId });
    expect(twice.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    const ISSUE = `mutation($id: ID!) { issueMemberCard(memberId: $id) { card { number issuedBy { id } } } }`;
    const card = await f.gql(ISSUE, callers.gdUnion, { id: appId });
    const number = card.data?.issueMemberCard.card.number as string;
    expect(number).toMatch(/^4401062\d{3}\d{6}[\dX]$/);
    expect(cardNumberProblem(number)).toBeNull();
    const again = await f.gql(ISSUE, callers.gdUnion, { id: appId });
    expect(again.data?.issueMemberCard.card.number).toBe(number);

    const inducted = await f.gql(
      `mutation($id: ID!) { recordInduction(memberId: $id, heldOn: "2026-01-05", place: "职工之家") { induction { heldOn place } history { action } } }`,
      callers.gdUnion,
      { id: appId },
    );
    expect(inducted.data?.recordInduction.induction).toEqual({ heldOn: '2026-01-05', place: '职工之家' });
    expect(inducted.data?.recordInduction.history.map((h: { action: string }) => h.action)).toEqual([
      'REGISTERED',
      'CARD_ISSUED',
      'INDUCTED',
    ]);
  });

  it('refuses an application for someone already a member, and one outside the caller’s scope', async () => {
    const rid = residentId();
    await f.register({ residentId: rid });
    const dup = await f.gql(APPLY, callers.portal, {
      input: { organizationId: ORGS.gdUnion._id, name: '张三', residentId: rid },
    });
    expect(dup.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const outside = await f.gql(APPLY, callers.beijing, {
      input: { organizationId: ORGS.gdUnion._id, name: '张三', residentId: residentId() },
    });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('issues distinct, well-formed card numbers to concurrent requests', async () => {
    const ids = await Promise.all([1, 2, 3, 4, 5, 6].map(() => f.register()));
    const cards = await Promise.all(
      ids.map((id) =>
        f.gql(`mutation($id: ID!) { issueMemberCard(memberId: $id) { card { number } } }`, callers.national, {
          id,
        }),
      ),
    );
    const numbers = cards.map((c) => c.data?.issueMemberCard.card.number as string);
    expect(new Set(numbers).size).toBe(6);
    for (const n of numbers) expect(cardNumberProblem(n)).toBeNull();
  });

  it('uses the same check algorithm as resident ID numbers', () => {
    const first17 = makeResidentId('440106', '1979-12-31', 42).slice(0, 17);
    expect(mod11_2(first17)).toBe(residentIdCheckChar(first17));
    expect(cardNumberProblem('1101052026000001X')).not.toBeNull();
  });
});

describe('personal data and scope', () => {
  let id: string;
  let rid: string;
  beforeAll(async () => {
    rid = residentId();
    id = await f.register({ residentId: rid, mobile: '13912345678' });
  });

  it('withholds ID and mobile numbers (null, no masks) from roles that may not see them', async () => {
    const seen = async (caller: Parameters<Fixture['gql']>[1]) =>
      (await f.gql(MEMBER, caller, { id })).data?.member;
    expect(await seen(callers.national)).toMatchObject({ residentId: rid, mobile: '13912345678' });
    expect(await seen(callers.beijing)).toMatchObject({ residentId: rid, mobile: '13912345678' });
    expect(await seen(callers.analyst)).toMatchObject({
      name: null,
      residentId: null,
      mobile: null,
      birthDate: null,
    });
    expect(await seen(testCallers.member(id, ORGS.bjUnion._id))).toMatchObject({
      residentId: rid,
      mobile: '13912345678',
    });
  });

  it('limits each caller to their subtree; a member reads only their own record', async () => {
    const other = await f.register();
    expect((await f.gql(MEMBER, callers.guangdong, { id })).data?.member).toBeNull();
    expect(
      (await f.gql(MEMBER, testCallers.member(other, ORGS.bjUnion._id), { id })).data?.member,
    ).toBeNull();
    const list = await f.gql(
      `{ members(filter: { subtree: true }) { totalCount } }`,
      testCallers.member(id, ORGS.bjUnion._id),
    );
    expect(list.data?.members.totalCount).toBe(1);
    const gdList = await f.gql(`{ members { nodes { organization { id } } } }`, callers.guangdong);
    for (const m of gdList.data?.members.nodes ?? [])
      expect(m.organization.id.startsWith('org-gd')).toBe(true);
    const write = await f.gql(
      `mutation($id: ID!) { updateMember(id: $id, input: { education: BACHELOR }) { id } }`,
      callers.guangdong,
      { id },
    );
    expect(write.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('looks up by full ID number for administrators only, and withholds the archive', async () => {
    const Q = `query($rid: String!) { memberByResidentId(residentId: $rid) { id } }`;
    expect((await f.gql(Q, callers.beijing, { rid })).data?.memberByResidentId.id).toBe(id);
    expect((await f.gql(Q, callers.analyst, { rid })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await f.gql(Q, callers.national, { rid: '123' })).errors?.[0]?.extensions?.field).toBe(
      'residentId',
    );

    await f.gql(
      `mutation($id: ID!) { updateMember(id: $id, input: { mobile: "13700001111" }) { id } }`,
      callers.national,
      { id },
    );
    const history = async (caller: Parameters<Fixture['gql']>[1]) =>
      (await f.gql(MEMBER, caller, { id })).data?.member.history.find(
        (h: { action: string }) => h.action === 'UPDATED',
      );
    expect((await history(callers.national)).changes).toEqual([
      { field: 'mobile', from: '13912345678', to: '13700001111' },
    ]);
    expect((await f.gql(MEMBER, callers.analyst, { id })).data?.member.history).toBeNull();
  });

  it('publishes a change event for member writes', async () => {
    const before = await f.sg.server.redis.xlen(`${f.sg.server.keyspace}events:members`);
    const newId = await f.register();
    const entries = await f.sg.server.redis.xrange(`${f.sg.server.keyspace}events:members`, '-', '+');
    // The member's event, then the union's registry counts (R14, registry-counts.ts).
    expect(entries.length).toBe(before + 2);
    expect(JSON.parse(entries.at(-1)![1][1]!)).toMatchObject({ type: 'RegistryCount', id: ORGS.bjUnion._id });
    expect(JSON.parse(entries.at(-2)![1][1]!)).toMatchObject({
      type: 'Member',
      id: newId,
      op: 'upsert',
      // The union's cached memberCount goes with it, and its ancestors' subtree member lists.
      affects: ORGS.bjUnion.path.map((id) => ({ type: 'Organization', id })),
    });
  });
});
