import { makeCreditCode } from '@union-graph/domain';
import { type ChangeEvent, publishChanges } from '@union-graph/subgraph-kit';
import {
  type DirectoryEntry,
  publishedEvents,
  publishOrgs,
  testCallers,
} from '@union-graph/subgraph-kit/testing';
import { callers, type Fixture, ORGS, startFixture } from './fixtures';

/** §6 flexible work set and cleared through updateMember, checked as registration checks it (R12). */
let f: Fixture;

const courier: DirectoryEntry = {
  _id: 'org-bj-couriers',
  name: '朝阳区快递行业工会联合会',
  type: 'SECTORAL_FEDERATION',
  divisionCode: '110105',
  path: [...ORGS.beijing.path, 'org-bj-couriers'],
};
const unit = (n: number, coveredBy: string) => ({
  id: `unit-fw-${n}`,
  creditCode: makeCreditCode('91', '110105', 200 + n),
  name: `朝阳某物流公司${n}`,
  coveredBy,
});
/** Unit 1 is bjUnion's own, unit 2 bjUnion2's. */
const UNITS = [unit(1, ORGS.bjUnion._id), unit(2, ORGS.bjUnion2._id)] as const;

const UPDATE = `mutation($id: ID!, $input: MemberUpdateInput!) {
  updateMember(id: $id, input: $input) { id flexibleWork employerCreditCode }
}`;
const update = (id: string, input: Record<string, unknown>, caller = callers.beijing) =>
  f.gql(UPDATE, caller, { id, input });

const stored = async (id: string) => (await f.models.Member.findById(id).lean())!;
const archived = (memberId: string) => f.models.MemberChange.countDocuments({ memberId, action: 'UPDATED' });
const announced = async (memberId: string) =>
  (await publishedEvents(f.sg.server)).filter((e) => e.type === 'Member' && e.id === memberId).length;

/** What a refused update must leave: the record, its archive and the stream as they were. */
async function unchanged(memberId: string, run: () => Promise<{ errors?: unknown[] }>) {
  const before = [await stored(memberId), await archived(memberId), await announced(memberId)];
  const res = await run();
  expect([await stored(memberId), await archived(memberId), await announced(memberId)]).toEqual(before);
  return res as Awaited<ReturnType<Fixture['gql']>>;
}

beforeAll(async () => {
  f = await startFixture();
  await publishOrgs(f.sg.server, [courier]);
  const events: ChangeEvent[] = UNITS.map(({ id, ...data }) => ({
    type: 'HostUnit',
    id,
    op: 'upsert',
    version: 1,
    data,
  }));
  await publishChanges(f.sg.server.redis, f.sg.server.keyspace, 'organizations', events);
  await f.sg.server.directory?.caughtUp();
});
afterAll(() => f?.sg.stop());

describe('updateMember sets and clears flexibleWork (§6)', () => {
  it('makes a company union’s member a flexible worker, archived and announced, then back', async () => {
    const id = await f.register({ employerCreditCode: UNITS[0].creditCode });
    const set = await update(id, { flexibleWork: 'FOOD_DELIVERY_RIDER' });
    expect(set.data?.updateMember).toEqual({
      id,
      flexibleWork: 'FOOD_DELIVERY_RIDER',
      employerCreditCode: UNITS[0].creditCode,
    });
    // A flexible worker's employer is not checked (§6), as at registration.
    expect((await update(id, { employerCreditCode: UNITS[1].creditCode })).errors).toBeUndefined();
    // Back to a fixed employer: the employer given with it must be the union's own unit.
    const back = await update(id, { flexibleWork: null, employerCreditCode: UNITS[0].creditCode });
    expect(back.data?.updateMember).toMatchObject({
      flexibleWork: null,
      employerCreditCode: UNITS[0].creditCode,
    });
    const history = await f.models.MemberChange.find({ memberId: id, action: 'UPDATED' })
      .sort({ at: 1 })
      .lean();
    expect(history.map((h) => h.changes)).toEqual([
      [{ field: 'flexibleWork', from: null, to: 'FOOD_DELIVERY_RIDER' }],
      [{ field: 'employerCreditCode', from: UNITS[0].creditCode, to: UNITS[1].creditCode }],
      [
        { field: 'employerCreditCode', from: UNITS[1].creditCode, to: UNITS[0].creditCode },
        { field: 'flexibleWork', from: 'FOOD_DELIVERY_RIDER', to: null },
      ],
    ]);
    expect(await announced(id)).toBe(4);
  });

  it('counts the change in the union’s flexible workers at once', async () => {
    const id = await f.register({ organizationId: ORGS.bjUnion2._id });
    const count = async () =>
      (
        await f.gql(
          `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { flexibleWorkerCount } } }`,
          callers.national,
          { reps: [{ __typename: 'Organization', id: ORGS.bjUnion2._id }] },
        )
      ).data?._entities[0].flexibleWorkerCount;
    const before = await count();
    await update(id, { flexibleWork: 'COURIER' });
    expect(await count()).toBe(before + 1);
    await update(id, { flexibleWork: null });
    expect(await count()).toBe(before);
  });

  it('keeps a sectoral federation’s member flexible: another kind yes, none no', async () => {
    const id = await f.register({ organizationId: courier._id, flexibleWork: 'COURIER' });
    expect((await update(id, { flexibleWork: 'TRUCK_DRIVER' })).data?.updateMember.flexibleWork).toBe(
      'TRUCK_DRIVER',
    );
    const res = await unchanged(id, () => update(id, { flexibleWork: null }));
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.flexibleWork',
    });
    expect(res.errors?.[0]?.message).toMatch(/^input\.flexibleWork：朝阳区快递行业工会联合会不接收会员/);
    expect((await stored(id)).flexibleWork).toBe('TRUCK_DRIVER');
  });

  it('refuses to clear it where the employer held is another union’s unit (R12), unless corrected with it', async () => {
    const id = await f.register({ flexibleWork: 'SCATTERED', employerCreditCode: UNITS[1].creditCode });
    const res = await unchanged(id, () => update(id, { flexibleWork: null }));
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      // The employer was not in this input: the argument that made it matter is named.
      field: 'input.flexibleWork',
      rule: 'R12',
      employerCreditCode: UNITS[1].creditCode,
      organizationId: ORGS.bjUnion._id,
      coveredBy: ORGS.bjUnion2._id,
    });
    expect(res.errors?.[0]?.message).toContain(UNITS[1].name);
    const wrong = await unchanged(id, () =>
      update(id, { flexibleWork: null, employerCreditCode: makeCreditCode('91', '110105', 299) }),
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({
      field: 'input.employerCreditCode',
      employerName: null,
    });
    // Cleared together with the employer, the worker is one a company union takes without one.
    expect((await update(id, { flexibleWork: null, employerCreditCode: '' })).data?.updateMember).toEqual({
      id,
      flexibleWork: null,
      employerCreditCode: null,
    });
  });

  it('checks a new employer of a worker with a fixed employer (R12), and lets one be cleared', async () => {
    const id = await f.register({ employerCreditCode: UNITS[0].creditCode });
    const res = await unchanged(id, () => update(id, { employerCreditCode: UNITS[1].creditCode }));
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.employerCreditCode',
      rule: 'R12',
    });
    expect((await update(id, { employerCreditCode: null })).errors).toBeUndefined();
    expect(
      (await update(id, { employerCreditCode: UNITS[0].creditCode.toLowerCase() })).errors,
    ).toBeUndefined();
    expect((await stored(id)).employerCreditCode).toBe(UNITS[0].creditCode);
  });

  it('refuses a kind outside the enumeration, a caller without the role and one outside the subtree', async () => {
    const id = await f.register({ flexibleWork: 'COURIER' });
    const bad = await unchanged(id, () => update(id, { flexibleWork: 'ASTRONAUT' }));
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const analyst = await unchanged(id, () => update(id, { flexibleWork: null }, callers.analyst));
    expect(analyst.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const self = await unchanged(id, () =>
      update(id, { flexibleWork: null }, testCallers.member(id, ORGS.bjUnion._id)),
    );
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const elsewhere = await unchanged(id, () => update(id, { flexibleWork: null }, callers.guangdong));
    expect(elsewhere.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
  });

  it('refuses an update that a transfer overtook between its check and its write', async () => {
    const id = await f.register({ flexibleWork: 'COURIER' });
    const { Member } = f.models;
    const read = Member.findOne.bind(Member);
    // The check found the member at a company union, which keeps a fixed worker; the write reads
    // them at the courier federation, where a transfer took them meanwhile.
    const movedOnRead = () => {
      const spy = jest.spyOn(Member, 'findOne').mockImplementationOnce(((
        ...args: Parameters<typeof read>
      ) => ({
        lean: () => ({
          exec: async () => ({
            ...(await read(...args)
              .lean()
              .exec()),
            organizationId: courier._id,
          }),
        }),
      })) as never);
      return update(id, { flexibleWork: null }).finally(() => spy.mockRestore());
    };
    const res = await unchanged(id, movedOnRead);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect(res.errors?.[0]?.message).toMatch(/^会员.*请重新提交/);
  });
});
