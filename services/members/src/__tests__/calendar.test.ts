import { setClock } from '@union-graph/subgraph-kit';
import { callers, type Fixture, ORGS, residentId, startFixture } from './fixtures';

/** China's calendar: "today" turns at Beijing midnight, 16:00 UTC. */
let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterEach(() => setClock(null));
afterAll(() => f?.sg.stop());

const REVIEW = `query($o: ID!) { duesReview(organizationId: $o, first: 100) { nodes { id } } }`;
const ACTIVITY = `mutation($id: ID!, $on: Date!) { recordMemberActivity(memberId: $id, on: $on, activity: "读书会") { lastActiveAt } }`;
const ISSUE = `mutation($id: ID!) { issueMemberCard(memberId: $id) { card { number } } }`;
const JOINED = `mutation($input: MemberInput!) { registerMember(input: $input) { joinedAt } }`;

describe("China's calendar (Beijing midnight = 16:00 UTC)", () => {
  it('R16: a member joined on 1 January is due for review from Beijing midnight of 2 July', async () => {
    setClock('2026-07-01T15:59:59Z');
    const id = await f.register({ organizationId: ORGS.gdJoint._id, joinedAt: '2026-01-01' });
    const listed = async () =>
      (await f.gql(REVIEW, callers.national, { o: ORGS.gdJoint._id })).data?.duesReview.nodes.map(
        (n: { id: string }) => n.id,
      );
    expect(await listed()).not.toContain(id);
    setClock('2026-07-01T16:00:00Z');
    expect(await listed()).toContain(id);
  });

  it("an activity on China's today is accepted from Beijing midnight, not before", async () => {
    setClock('2026-07-01T15:59:59Z');
    const id = await f.register({ joinedAt: '2026-01-01' });
    const early = await f.gql(ACTIVITY, callers.national, { id, on: '2026-07-02' });
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
    setClock('2026-07-01T16:00:00Z');
    const onTime = await f.gql(ACTIVITY, callers.national, { id, on: '2026-07-02' });
    expect(onTime.errors).toBeUndefined();
    expect((await f.models.Member.findById(id).lean())?.lastActiveAt?.toISOString()).toBe(
      '2026-07-02T00:00:00.000Z',
    );
  });

  it("a member registered without a joined date joins on China's today", async () => {
    const input = { organizationId: ORGS.bjUnion._id, name: '钱八' };
    setClock('2026-07-01T15:59:59Z');
    const before = await f.gql(JOINED, callers.national, { input: { ...input, residentId: residentId() } });
    setClock('2026-07-01T16:00:00Z');
    const after = await f.gql(JOINED, callers.national, { input: { ...input, residentId: residentId() } });
    expect([before.data?.registerMember.joinedAt, after.data?.registerMember.joinedAt]).toEqual([
      '2026-07-01',
      '2026-07-02',
    ]);
  });

  it("a member card carries China's year: the new year begins at 16:00 UTC on 31 December", async () => {
    setClock('2026-12-31T15:59:59Z');
    const a = await f.register({ joinedAt: '2026-01-01' });
    const b = await f.register({ joinedAt: '2026-01-01' });
    const card = async (id: string) => {
      const res = await f.gql(ISSUE, callers.national, { id });
      return String(res.data?.issueMemberCard.card.number ?? '').slice(6, 10);
    };
    expect(await card(a)).toBe('2026');
    setClock('2026-12-31T16:00:00Z');
    expect(await card(b)).toBe('2027');
  });
});
