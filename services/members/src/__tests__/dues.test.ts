import { publishChanges, streamKey } from '@union-graph/subgraph-kit';
import { FUNDS_SUBGRAPH } from '../subgraph';
import { callers, type Fixture, ORGS, startFixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

const REVIEW = `query($o: ID!) { duesReview(organizationId: $o, first: 100) { totalCount nodes { id } } }`;
const STATUS = `mutation($id: ID!, $s: MemberStatus!) { changeMemberStatus(memberId: $id, status: $s, reason: "R16") { status } }`;

function monthsAgo(n: number): string {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString();
}

async function pay(memberId: string, paidAt: string, id = `pay-${memberId}-${paidAt}`) {
  await publishChanges(f.sg.server.redis, f.sg.server.keyspace, FUNDS_SUBGRAPH, [
    {
      type: 'DuesPayment',
      id,
      op: 'upsert',
      version: 1,
      data: { memberId, organizationId: ORGS.bjUnion2._id, period: paidAt.slice(0, 7), amount: 2500, paidAt },
    },
  ]);
  await f.sg.server.subscriptions.funds!.caughtUp();
}

describe('dues status (R16)', () => {
  const register = (extra = {}) =>
    f.register({ organizationId: ORGS.bjUnion2._id, joinedAt: '2020-01-01', ...extra });

  it('keeps the last dues payment from funds events; replays and older payments change nothing', async () => {
    const id = await register();
    await pay(id, monthsAgo(2), 'p1');
    await pay(id, monthsAgo(2), 'p1');
    await pay(id, monthsAgo(9), 'p0');
    const m = await f.models.Member.findById(id).lean();
    expect(m?.lastDuesPaidAt?.toISOString().slice(0, 10)).toBe(monthsAgo(2).slice(0, 10));
    expect(await f.models.DuesPayment.countDocuments({ memberId: id })).toBe(2);

    // funds reverses the newer payment: the older one is the last again.
    await publishChanges(f.sg.server.redis, f.sg.server.keyspace, FUNDS_SUBGRAPH, [
      { type: 'DuesPayment', id: 'p1', op: 'delete', version: 2 },
    ]);
    await f.sg.server.subscriptions.funds!.caughtUp();
    const reversed = await f.models.Member.findById(id).lean();
    expect(reversed?.lastDuesPaidAt?.toISOString().slice(0, 10)).toBe(monthsAgo(9).slice(0, 10));
    expect(await f.models.DuesPayment.countDocuments({ memberId: id })).toBe(1);
  });

  it("relays funds' dues payments on members' stream, and no other subgraph's events", async () => {
    const id = await register();
    const { redis, keyspace } = f.sg.server;
    const stream = streamKey(keyspace, 'members');
    const before = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    await publishChanges(redis, keyspace, 'cadres', [
      { type: 'SixHavesEvidence', id: ORGS.bjUnion2._id, op: 'upsert', version: 1, data: {} },
    ]);
    await f.sg.server.subscriptions.cadres!.caughtUp();
    await pay(id, monthsAgo(1), 'relayed');
    const relayed = (await redis.xrange(stream, `(${before}`, '+')).flatMap(([, fields]) => {
      const e = JSON.parse(fields[fields.indexOf('event') + 1]!) as {
        type: string;
        id: string;
        relayedFrom?: string;
      };
      return e.relayedFrom ? [[e.type, e.id, e.relayedFrom]] : [];
    });
    expect(relayed).toEqual([['DuesPayment', 'relayed', 'funds']]);
  });

  it('lists members with no dues and no activity for 6 months, without reason, and retirees never', async () => {
    const silent = await register();
    const paid = await register();
    const active = await register();
    const excused = await register();
    const retired = await register();
    const newcomer = await register({ joinedAt: monthsAgo(1).slice(0, 10) });
    const stale = await register();
    await pay(paid, monthsAgo(1));
    await pay(stale, monthsAgo(8));
    await f.gql(
      `mutation($id: ID!) { recordMemberActivity(memberId: $id, on: "${monthsAgo(3).slice(0, 10)}", activity: "劳动竞赛") { id } }`,
      callers.national,
      { id: active },
    );
    await f.gql(
      `mutation($id: ID!) { setDuesExemption(memberId: $id, reason: "长期病假") { id } }`,
      callers.national,
      { id: excused },
    );
    await f.gql(STATUS, callers.national, { id: retired, s: 'RETIRED_RETAINED' });

    const review = await f.gql(REVIEW, callers.beijing, { o: ORGS.bjUnion2._id });
    const listed = review.data?.duesReview.nodes.map((n: { id: string }) => n.id);
    expect(listed).toEqual(expect.arrayContaining([silent, stale]));
    for (const id of [paid, active, excused, retired, newcomer]) expect(listed).not.toContain(id);
    expect(
      (await f.gql(REVIEW, callers.guangdong, { o: ORGS.bjUnion2._id })).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');

    const marked = await f.gql(STATUS, callers.beijing, { id: silent, s: 'AUTO_WITHDRAWN' });
    expect(marked.data?.changeMemberStatus.status).toBe('AUTO_WITHDRAWN');
    const refused = await f.gql(STATUS, callers.national, { id: paid, s: 'AUTO_WITHDRAWN' });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const transferring = await f.gql(STATUS, callers.national, { id: retired, s: 'TRANSFERRING' });
    expect(transferring.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const after = await f.gql(REVIEW, callers.beijing, { o: ORGS.bjUnion2._id });
    expect(after.data?.duesReview.nodes.map((n: { id: string }) => n.id)).not.toContain(silent);
  });
});
