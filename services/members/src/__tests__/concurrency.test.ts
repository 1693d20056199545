import { publishChanges } from '@union-graph/subgraph-kit';
import { FUNDS_SUBGRAPH } from '../subgraph';
import { callers, type Fixture, ORGS, startFixture } from './fixtures';

/**
 * FerretDB applies an update as an unlocked read-modify-write: without the kit's serialized path,
 * concurrent updates of one member lose writes. Outcomes are read back from the database.
 */
let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

const UPDATE = `mutation($id: ID!, $input: MemberUpdateInput!) { updateMember(id: $id, input: $input) { id } }`;
const ACTIVITY = `mutation($id: ID!, $on: Date!) { recordMemberActivity(memberId: $id, on: $on, activity: "职工运动会") { id } }`;
const EXEMPT = `mutation($id: ID!) { setDuesExemption(memberId: $id, reason: "长期病假") { id } }`;
const STATUS = `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: RETIRED_RETAINED, reason: "退休") { status } }`;

/** 20 distinct past dates, in shuffled order. */
function activityDates(): string[] {
  const dates = Array.from(
    { length: 20 },
    (_, i) => `2025-${String((i % 12) + 1).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`,
  );
  return dates
    .map((d, i) => [d, (i * 7) % 20] as const)
    .sort((a, b) => a[1] - b[1])
    .map(([d]) => d);
}

describe('concurrent writes to one member', () => {
  it('keeps every field of 25 concurrent updates, the latest activity, and an exact archive', async () => {
    const id = await f.register({ organizationId: ORGS.bjUnion2._id });
    const dates = activityDates();
    const latest = [...dates].sort().at(-1)!;
    const results = await Promise.all([
      f.gql(UPDATE, callers.national, { id, input: { ethnicity: '回族' } }),
      f.gql(UPDATE, callers.national, { id, input: { mobile: '13800138000' } }),
      f.gql(UPDATE, callers.national, { id, input: { education: 'MASTER' } }),
      f.gql(UPDATE, callers.national, { id, input: { migrantWorker: true } }),
      f.gql(EXEMPT, callers.national, { id }),
      ...dates.map((on) => f.gql(ACTIVITY, callers.national, { id, on })),
    ]);
    expect(results.flatMap((r) => r.errors ?? [])).toEqual([]);

    const m = await f.models.Member.findById(id).lean();
    expect(m).toMatchObject({
      ethnicity: '回族',
      mobile: '13800138000',
      education: 'MASTER',
      migrantWorker: true,
      duesExemptionReason: '长期病假',
    });
    expect(m?.lastActiveAt?.toISOString().slice(0, 10)).toBe(latest);

    const history = await f.models.MemberChange.find({ memberId: id }).lean();
    const count = (action: string) => history.filter((h) => h.action === action).length;
    expect([count('UPDATED'), count('DUES_EXEMPTION'), count('ACTIVITY')]).toEqual([4, 1, 20]);
    // Each archived activity change starts where the previous one ended: none read a stale member.
    const raises = history
      .filter((h) => h.action === 'ACTIVITY')
      .flatMap((h) => h.changes)
      .sort((a, b) => String(a.to).localeCompare(String(b.to)));
    expect(raises[0]?.from).toBeNull();
    for (let i = 1; i < raises.length; i++) expect(raises[i]?.from).toBe(raises[i - 1]?.to);
    expect(raises.at(-1)?.to).toBe(latest);
  });

  it('applies one of 10 concurrent status changes, archived once', async () => {
    const id = await f.register({ organizationId: ORGS.bjUnion2._id });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => f.gql(STATUS, callers.national, { id })),
    );
    const applied = results.filter((r) => r.data?.changeMemberStatus?.status === 'RETIRED_RETAINED');
    expect(applied).toHaveLength(1);
    for (const r of results.filter((x) => x.errors))
      expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(r.errors?.[0]?.extensions?.code);
    expect((await f.models.Member.findById(id).lean())?.status).toBe('RETIRED_RETAINED');
    expect(await f.models.MemberChange.countDocuments({ memberId: id, action: 'STATUS_CHANGED' })).toBe(1);
  });

  it('keeps the latest of 30 dues payments arriving while 20 activities are recorded', async () => {
    const id = await f.register({ organizationId: ORGS.bjUnion2._id });
    const paidAt = Array.from(
      { length: 30 },
      (_, i) =>
        `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T02:00:00.000Z`,
    );
    const dates = activityDates();
    await Promise.all([
      publishChanges(
        f.sg.server.redis,
        f.sg.server.keyspace,
        FUNDS_SUBGRAPH,
        paidAt.map((at, i) => ({
          type: 'DuesPayment',
          id: `c-${id}-${i}`,
          op: 'upsert' as const,
          version: 1,
          data: {
            memberId: id,
            organizationId: ORGS.bjUnion2._id,
            period: at.slice(0, 7),
            amount: 2500,
            paidAt: at,
          },
        })),
      ).then(() => f.sg.server.subscriptions.funds!.caughtUp()),
      ...dates.map((on) => f.gql(ACTIVITY, callers.national, { id, on })),
    ]);
    const m = await f.models.Member.findById(id).lean();
    expect(m?.lastDuesPaidAt?.toISOString()).toBe([...paidAt].sort().at(-1));
    expect(m?.lastActiveAt?.toISOString().slice(0, 10)).toBe([...dates].sort().at(-1));
    expect(await f.models.DuesPayment.countDocuments({ memberId: id })).toBe(30);
    expect(await f.models.MemberChange.countDocuments({ memberId: id, action: 'ACTIVITY' })).toBe(20);
  });
});
