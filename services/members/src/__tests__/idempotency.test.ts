import { publishedEvents } from '@union-graph/subgraph-kit/testing';
import { callers, type Fixture, ORGS, REGISTER, residentId, startFixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

const APPLY = `mutation($input: MemberInput!) { applyForMembership(input: $input) { id status } }`;
const APPROVE = `mutation($id: ID!) { approveMembershipApplication(id: $id) { status } }`;
const OPEN = `mutation($input: OpenTransferInput!) { openMemberTransfer(input: $input) { id status } }`;
const ACTIVITY = `mutation($id: ID!, $on: Date!, $key: String) {
  recordMemberActivity(memberId: $id, on: $on, activity: "职工书屋", idempotencyKey: $key) { id lastActiveAt } }`;
const INDUCTION = `mutation($id: ID!, $place: String, $key: String) {
  recordInduction(memberId: $id, heldOn: "2025-05-04", place: $place, idempotencyKey: $key) { id } }`;

async function eventsOf(type: string, id: string): Promise<number> {
  return (await publishedEvents(f.sg.server)).filter((e) => e.type === type && e.id === id).length;
}

function person(extra: Record<string, unknown> = {}) {
  return {
    organizationId: ORGS.bjUnion._id,
    name: '赵六',
    residentId: residentId(),
    joinedAt: '2021-03-01',
    ...extra,
  };
}

describe('idempotency keys', () => {
  it('registerMember: a repeat returns the first member, once, and announces nothing again', async () => {
    const input = person({ idempotencyKey: 'reg-1' });
    const first = await f.gql(REGISTER, callers.national, { input });
    const id = first.data?.registerMember.id as string;
    expect(id).toBeTruthy();
    const events = await eventsOf('Member', id);
    const repeats = await Promise.all([1, 2, 3].map(() => f.gql(REGISTER, callers.national, { input })));
    expect(repeats.map((r) => r.data?.registerMember.id)).toEqual([id, id, id]);
    expect(await f.models.Member.countDocuments({ residentId: input.residentId })).toBe(1);
    expect(await f.models.MemberChange.countDocuments({ memberId: id, action: 'REGISTERED' })).toBe(1);
    expect(await eventsOf('Member', id)).toBe(events);

    const other = await f.gql(REGISTER, callers.national, { input: { ...input, name: '赵七' } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    const malformed = await f.gql(REGISTER, callers.national, { input: person({ idempotencyKey: 'a b' }) });
    expect(malformed.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'idempotencyKey',
    });
  });

  it('registerMember without a key registers each call (the membership key still refuses a second)', async () => {
    const a = await f.gql(REGISTER, callers.national, { input: person() });
    const b = await f.gql(REGISTER, callers.national, { input: person() });
    expect(a.data?.registerMember.id).not.toBe(b.data?.registerMember.id);
    const again = person();
    await f.gql(REGISTER, callers.national, { input: again });
    const second = await f.gql(REGISTER, callers.national, { input: again });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'residentId' });
  });

  it('applyForMembership: a repeat returns the first application, before and after approval', async () => {
    const input = person({ idempotencyKey: 'apply-1' });
    const first = await f.gql(APPLY, callers.portal, { input });
    const id = first.data?.applyForMembership.id as string;
    expect(first.data?.applyForMembership.status).toBe('PENDING');
    const again = await f.gql(APPLY, callers.portal, { input });
    expect(again.data?.applyForMembership).toEqual({ id, status: 'PENDING' });
    expect(await f.models.MembershipApplication.countDocuments({ residentId: input.residentId })).toBe(1);

    expect((await f.gql(APPROVE, callers.bjUnion, { id })).data?.approveMembershipApplication.status).toBe(
      'APPROVED',
    );
    const late = await f.gql(APPLY, callers.portal, { input });
    expect(late.data?.applyForMembership).toEqual({ id, status: 'APPROVED' });
    expect(await f.models.MembershipApplication.countDocuments({ residentId: input.residentId })).toBe(1);

    const other = await f.gql(APPLY, callers.portal, { input: { ...input, mobile: '13900139000' } });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    // Another key for a person already applied for is refused as before, and leaves no record.
    const fresh = person({ idempotencyKey: 'apply-2' });
    await f.gql(APPLY, callers.portal, { input: fresh });
    const second = await f.gql(APPLY, callers.portal, { input: { ...fresh, idempotencyKey: 'apply-3' } });
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.residentId' });
    expect(await f.models.MembershipApplication.countDocuments({ residentId: fresh.residentId })).toBe(1);
  });

  it('openMemberTransfer: a repeat returns the first transfer, once; other input is CONFLICT', async () => {
    const memberId = await f.register();
    const input = {
      memberId,
      toOrganizationId: ORGS.gdUnion._id,
      reason: '换工作',
      idempotencyKey: 'open-1',
    };
    const first = await f.gql(OPEN, callers.bjUnion, { input });
    const id = first.data?.openMemberTransfer.id as string;
    expect(first.data?.openMemberTransfer.status).toBe('OPEN');
    const events = await eventsOf('MemberTransfer', id);
    const again = await Promise.all([1, 2].map(() => f.gql(OPEN, callers.bjUnion, { input })));
    expect(again.map((r) => r.data?.openMemberTransfer.id)).toEqual([id, id]);
    expect(await f.models.MemberTransfer.countDocuments({ memberId })).toBe(1);
    expect(await eventsOf('MemberTransfer', id)).toBe(events);

    const other = await f.gql(OPEN, callers.bjUnion, {
      input: { ...input, toOrganizationId: ORGS.gdJoint._id },
    });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    const anotherKey = await f.gql(OPEN, callers.bjUnion, { input: { ...input, idempotencyKey: 'open-2' } });
    expect(anotherKey.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.memberId' });
    expect(await f.models.MemberTransfer.countDocuments({ memberId })).toBe(1);
  });

  it('recordMemberActivity and recordInduction: one archive entry per key; without a key, one per call', async () => {
    const id = await f.register();
    const keyed = { id, on: '2025-06-01', key: 'act-1' };
    const first = await f.gql(ACTIVITY, callers.national, keyed);
    const again = await f.gql(ACTIVITY, callers.national, keyed);
    expect(again.data?.recordMemberActivity).toEqual(first.data?.recordMemberActivity);
    expect(await f.models.MemberChange.countDocuments({ memberId: id, action: 'ACTIVITY' })).toBe(1);
    const other = await f.gql(ACTIVITY, callers.national, { ...keyed, on: '2025-07-01' });
    expect(other.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect((await f.models.Member.findById(id).lean())?.lastActiveAt?.toISOString().slice(0, 10)).toBe(
      '2025-06-01',
    );

    await f.gql(ACTIVITY, callers.national, { id, on: '2025-06-01' });
    await f.gql(ACTIVITY, callers.national, { id, on: '2025-06-01' });
    expect(await f.models.MemberChange.countDocuments({ memberId: id, action: 'ACTIVITY' })).toBe(3);

    await f.gql(INDUCTION, callers.national, { id, place: '职工之家', key: 'ind-1' });
    await f.gql(INDUCTION, callers.national, { id, place: '职工之家', key: 'ind-1' });
    expect(await f.models.MemberChange.countDocuments({ memberId: id, action: 'INDUCTED' })).toBe(1);
    const moved = await f.gql(INDUCTION, callers.national, { id, place: '会议室', key: 'ind-1' });
    expect(moved.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    await f.gql(INDUCTION, callers.national, { id, place: '会议室' });
    await f.gql(INDUCTION, callers.national, { id, place: '会议室' });
    expect(await f.models.MemberChange.countDocuments({ memberId: id, action: 'INDUCTED' })).toBe(3);
  });
});
