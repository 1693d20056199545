import { type OrgRef, orgDirectoryModel, requestResync, streamKey } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * Many clients writing at once through the gateway, on the real FerretDB: nothing acknowledged is
 * lost, versions are contiguous, and every read model ends equal to its source once the stack has
 * settled (waiting on events, never on sleeps). Each test prints what it counted, for the record.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();
const tally = { writes: 0, lost: 0 };
afterAll(() => {
  // The closing figure: lost updates per 1,000 acknowledged concurrent writes.
  console.log(`concurrency: ${tally.writes} acknowledged writes, ${tally.lost} lost`);
});

async function ok<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await graph.query<T>(query, { caller: national, variables });
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** Unions below the root, in the plan's order (the tiny scale has a few dozen). */
const grassroots = () => graph.plan.organizations.filter((o) => o.parentId !== null);
const UPDATE_ORG = `mutation($id: ID!, $input: UpdateOrganizationInput!) {
  updateOrganization(id: $id, input: $input) { id name version }
}`;

describe('concurrent writes through the gateway', () => {
  it('50 concurrent updates of one organization: one version each, contiguous, the last one stands', async () => {
    const org = grassroots()[0]!;
    const start = (await graph.subgraphs
      .organizations!.server.conn.db!.collection('organizations')
      .findOne({ _id: org._id as never }))!.version as number;
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        ok<{ updateOrganization: { name: string; version: number } }>(UPDATE_ORG, {
          id: org._id,
          input: { name: `并发更名工会${i}` },
        }),
      ),
    );
    const versions = answers.map((a) => a.updateOrganization.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 50 }, (_, i) => start + 1 + i));
    const last = answers.find((a) => a.updateOrganization.version === start + 50)!.updateOrganization;
    const stored = await graph.subgraphs.organizations!.server.conn.db!.collection('organizations').findOne({
      _id: org._id as never,
    });
    expect({ name: stored!.name, version: stored!.version }).toEqual({
      name: last.name,
      version: start + 50,
    });
    tally.writes += 50;
    tally.lost += 50 - new Set(versions).size;
  });

  it('4 concurrent updates of different fields of one member, 20 rounds: nothing lost', async () => {
    const member = graph.plan.members[0]!;
    const educations = ['PRIMARY', 'JUNIOR_SECONDARY', 'SENIOR_SECONDARY', 'BACHELOR'];
    const UPDATE = `mutation($id: ID!, $input: MemberUpdateInput!) { updateMember(id: $id, input: $input) { id } }`;
    const Member = graph.subgraphs.members!.server.conn.db!.collection('members');
    let lost = 0;
    for (let round = 0; round < 20; round++) {
      const want = {
        ethnicity: round % 2 ? '回族' : '汉族',
        mobile: `138001380${String(round).padStart(2, '0')}`,
        education: educations[round % 4],
        migrantWorker: round % 2 === 0,
      };
      await Promise.all(
        Object.entries(want).map(([k, v]) => ok(UPDATE, { id: member._id, input: { [k]: v } })),
      );
      const stored = (await Member.findOne({ _id: member._id as never }))!;
      for (const [k, v] of Object.entries(want)) if (stored[k] !== v) lost++;
    }
    tally.writes += 80;
    tally.lost += lost;
    expect(lost).toBe(0);
  });

  it('50 concurrent activity records: the latest date is kept', async () => {
    const member = graph.plan.members[1]!;
    const RECORD = `mutation($id: ID!, $on: Date!) { recordMemberActivity(memberId: $id, on: $on, activity: "职工之家活动") { id } }`;
    const days = Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + ((i * 17) % 50))));
    await Promise.all(days.map((d) => ok(RECORD, { id: member._id, on: d.toISOString().slice(0, 10) })));
    const stored = await graph.subgraphs.members!.server.conn.db!.collection('members').findOne({
      _id: member._id as never,
    });
    const latest = new Date(Math.max(...days.map((d) => d.getTime())));
    expect(stored!.lastActiveAt).toEqual(latest);
    tally.writes += 50;
    if (stored!.lastActiveAt.getTime() !== latest.getTime()) tally.lost += 1;
  });
});

/** Every subgraph's directory entry of the organizations, beside the source's. */
async function directories(ids: string[]) {
  const source = await graph.subgraphs
    .organizations!.server.conn.db!.collection('organizations')
    .find({ _id: { $in: ids as never[] } }, { projection: { name: 1, version: 1, path: 1, status: 1 } })
    .sort({ _id: 1 })
    .toArray();
  const copies: Record<string, unknown> = {};
  for (const [name, sg] of Object.entries(graph.subgraphs)) {
    if (name === 'organizations') continue;
    copies[name] = (
      await orgDirectoryModel(sg.server.conn)
        .find({ _id: { $in: ids } }, { name: 1, version: 1, path: 1, status: 1 })
        .sort({ _id: 1 })
        .lean<OrgRef[]>()
    ).map(({ _id, name: n, version, path, status }) => ({ _id, name: n, version, path, status }));
  }
  const expected = source.map(({ _id, name, version, path, status }) => ({
    _id,
    name,
    version,
    path,
    status,
  }));
  return { expected, copies };
}

/**
 * Settles the stack until the directories equal the source: a resync takes a few hops (the
 * request, the source's answer, the directories applying it), each one awaited as an event.
 */
async function converged(ids: string[]): Promise<void> {
  let state = await directories(ids);
  for (let hop = 0; hop < 4; hop++) {
    await graph.settled();
    state = await directories(ids);
    if (Object.values(state.copies).every((c) => JSON.stringify(c) === JSON.stringify(state.expected))) break;
  }
  for (const copy of Object.values(state.copies)) expect(copy).toEqual(state.expected);
}

describe('read models converge on their source', () => {
  it('20 concurrent renames: every directory equals the source once the stack has settled', async () => {
    const orgs = grassroots().slice(1, 5);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ok(UPDATE_ORG, { id: orgs[i % orgs.length]!._id, input: { name: `改名工会${i}号` } }),
      ),
    );
    await converged(orgs.map((o) => o._id));
  });

  it('a directory that sees another content at a version it holds asks the source again', async () => {
    const org = grassroots()[5]!;
    const { expected } = await directories([org._id]);
    const held = expected[0]!;
    // A contradicting event (as a lost update on the source once produced): same version, other name.
    await graph.subgraphs.organizations!.server.redis.xadd(
      streamKey(graph.runtime.keyspace, 'organizations'),
      '*',
      'event',
      JSON.stringify({
        type: 'Organization',
        id: org._id,
        op: 'upsert',
        version: held.version,
        data: { ...org, name: '错误的名称', path: held.path, status: held.status },
      }),
    );
    await graph.settled();
    // The directories kept what they held and asked; the source's answer arrives as a resync.
    await converged([org._id]);
  });

  it('rebuilds every directory after its stream was lost (Redis restarted without persistence)', async () => {
    const orgs = grassroots().slice(6, 8);
    const redis = graph.subgraphs.organizations!.server.redis;
    // Directories drift while their stream is gone: entries removed behind their back.
    for (const [name, sg] of Object.entries(graph.subgraphs))
      if (name !== 'organizations')
        await orgDirectoryModel(sg.server.conn).deleteMany({ _id: { $in: orgs.map((o) => o._id) } });
    await redis.del(streamKey(graph.runtime.keyspace, 'organizations'));
    // The periodic reconciliation (every 10 minutes by default) does what this request does now.
    await requestResync(redis, graph.runtime.keyspace, 'organizations', 'test', 'all');
    await converged(orgs.map((o) => o._id));
  });
});
