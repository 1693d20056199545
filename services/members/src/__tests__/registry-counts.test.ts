import type { ChangeEvent } from '@union-graph/subgraph-kit';
import { publishedEvents } from '@union-graph/subgraph-kit/testing';
import type { Context } from '../context';
import { registryCountsOf, republishRegistryCounts, withRegistryCounts } from '../domain/registry-counts';
import { callers, type Fixture, ORGS, residentId, startFixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

/** The registry counts members published for a union, oldest first. */
async function countsOf(unionId: string): Promise<ChangeEvent[]> {
  await f.sg.server.outbox.drained();
  return (await publishedEvents(f.sg.server)).filter((e) => e.type === 'RegistryCount' && e.id === unionId);
}

describe('registry counts for R14', () => {
  it('publishes a union’s members and female members with every change of its registry, versions rising', async () => {
    const union = ORGS.gdUnion._id;
    const women = [];
    for (let i = 0; i < 3; i++)
      women.push(await f.register({ organizationId: union, residentId: residentId('FEMALE') }));
    await f.register({ organizationId: union, residentId: residentId('MALE') });
    const afterJoining = await countsOf(union);
    expect(afterJoining.map((e) => e.data)).toEqual([
      { members: 1, femaleMembers: 1 },
      { members: 2, femaleMembers: 2 },
      { members: 3, femaleMembers: 3 },
      { members: 4, femaleMembers: 3 },
    ]);
    expect(afterJoining[0]?.affects?.map((r) => r.id)).toContain(union);

    // A withdrawn member no longer counts; a retiree keeps membership and still counts.
    const change = (id: string, status: string) =>
      f.gql(
        `mutation($id: ID!, $s: MemberStatus!) { changeMemberStatus(memberId: $id, status: $s, reason: "变更") { status } }`,
        callers.national,
        { id, s: status },
      );
    expect((await change(women[0]!, 'WITHDRAWN')).data?.changeMemberStatus.status).toBe('WITHDRAWN');
    expect((await change(women[1]!, 'RETIRED_RETAINED')).data?.changeMemberStatus.status).toBe(
      'RETIRED_RETAINED',
    );
    const all = await countsOf(union);
    expect(all.slice(-2).map((e) => e.data)).toEqual([
      { members: 3, femaleMembers: 2 },
      { members: 3, femaleMembers: 2 },
    ]);
    const versions = all.map((e) => e.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('answers a resync with every union it knows, zeros included, at newer versions', async () => {
    const before = Math.max(...(await countsOf(ORGS.gdUnion._id)).map((e) => e.version));
    const events = await republishRegistryCounts(f.models, 'all');
    expect(events.map((e) => e.id).sort()).toEqual(
      Object.values(ORGS)
        .map((o) => o._id)
        .sort(),
    );
    expect(events.find((e) => e.id === ORGS.gdUnion._id)).toMatchObject({
      data: { members: 3, femaleMembers: 2 },
    });
    expect(events.find((e) => e.id === ORGS.gdJoint._id)?.data).toEqual({ members: 0, femaleMembers: 0 });
    expect(events[0]!.version).toBeGreaterThan(before);
    const asked = await republishRegistryCounts(f.models, [ORGS.gdJoint._id]);
    expect(asked.map((e) => e.id)).toEqual([ORGS.gdJoint._id]);
  });

  it('counts seeded members as the live counts do', () => {
    const seeded = registryCountsOf([
      { organizationId: 'u1', status: 'ACTIVE', gender: 'FEMALE' },
      { organizationId: 'u1', status: 'TRANSFERRING', gender: 'MALE' },
      { organizationId: 'u1', status: 'WITHDRAWN', gender: 'FEMALE' },
      { organizationId: 'u2', status: 'RETIRED_RETAINED', gender: 'FEMALE' },
    ]);
    expect(seeded.map((e) => [e.id, e.data])).toEqual([
      ['u1', { members: 2, femaleMembers: 1 }],
      ['u2', { members: 1, femaleMembers: 1 }],
    ]);
  });
});

describe('a change whose counts cannot be read', () => {
  it('still publishes its own events and answers: the stored change is never reported as failed', async () => {
    const published: ChangeEvent[][] = [];
    const change: ChangeEvent = {
      type: 'Member',
      id: 'm-1',
      op: 'upsert',
      version: 1,
      data: { organizationId: ORGS.gdUnion._id },
    };
    const { Mutation } = withRegistryCounts({
      Mutation: {
        register: async (_p: unknown, _a: unknown, ctx: Context) => {
          await ctx.publish([change]);
          return 'stored';
        },
      },
    });
    const failing = new Proxy(
      {},
      {
        get: () => () => {
          throw new Error('database unavailable');
        },
      },
    );
    const warnings: string[] = [];
    const ctx = {
      models: { Member: failing },
      log: { warn: (_o: unknown, message: string) => warnings.push(message) },
      publish: async (events: ChangeEvent[]) => {
        published.push(events);
      },
    } as unknown as Context;
    await expect(Mutation.register(undefined, {}, ctx)).resolves.toBe('stored');
    expect(published).toEqual([[change]]);
    expect(warnings).toHaveLength(1);
  });
});
