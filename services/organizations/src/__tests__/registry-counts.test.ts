import { type ChangeEvent, publishChanges, streamKey } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { MEMBERS_SUBGRAPH } from '../domain/registry-counts';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;

beforeAll(async () => {
  orgs = await startOrgs();
  tree = await baseTree(orgs);
});
afterAll(() => orgs?.sg.stop());

const TERM = `mutation($input: CommitteeTermInput!) { recordCommitteeTerm(input: $input) { id womenWorkersMember } }`;
const R14 = `query($id: ID!) { organization(id: $id) {
  committeeProblems
  womenWorkers { registryMembers registryFemaleMembers femaleMembers source duty }
} }`;

let lastVersion = 1_000;

/** Publishes registry counts on members' stream, as members does, and waits until applied. */
async function counts(unionId: string, members: number, femaleMembers: number, at?: number) {
  lastVersion += 1;
  const event: ChangeEvent = {
    type: 'RegistryCount',
    id: unionId,
    op: 'upsert',
    version: at ?? lastVersion,
    data: { members, femaleMembers },
    affects: [{ type: 'Organization', id: unionId }],
  };
  await publishChanges(orgs.sg.server.redis, orgs.sg.server.keyspace, MEMBERS_SUBGRAPH, [event]);
  await orgs.sg.server.subscriptions[MEMBERS_SUBGRAPH]!.caughtUp();
}

/** A grassroots union with a current union committee and funds audit committee (no R15/R18 problem). */
async function union(name: string, reportedFemaleMembers: number, womenWorkersMember = false) {
  const { id } = await orgs.create({
    name,
    type: 'GRASSROOTS',
    divisionCode: '440106',
    parentId: tree.township,
    reportedMembers: 50,
    reportedFemaleMembers,
  });
  const term = { organizationId: id, termStart: '2024-01-01', termYears: 5 };
  await orgs.ok(TERM, { input: { ...term, type: 'UNION_COMMITTEE', seats: 5, womenWorkersMember } });
  await orgs.ok(TERM, { input: { ...term, type: 'FUNDS_AUDIT_COMMITTEE', seats: 3 } });
  return id;
}

const r14 = async (id: string) => (await orgs.ok(R14, { id })).organization;

describe('R14 from the registry', () => {
  it('requires a women workers’ committee from 10 registry female members, whatever was reported', async () => {
    const nine = await union('九名女会员工会', 20, true);
    const ten = await union('十名女会员工会', 0, true);
    await counts(nine, 40, 9);
    await counts(ten, 40, 10);
    expect(await r14(nine)).toEqual({
      committeeProblems: [],
      womenWorkers: {
        registryMembers: 40,
        registryFemaleMembers: 9,
        femaleMembers: 9,
        source: 'REGISTRY',
        duty: 'MEMBER',
      },
    });
    expect(await r14(ten)).toEqual({
      committeeProblems: ['WOMEN_WORKERS_COMMITTEE_MISSING'],
      womenWorkers: {
        registryMembers: 40,
        registryFemaleMembers: 10,
        femaleMembers: 10,
        source: 'REGISTRY',
        duty: 'COMMITTEE',
      },
    });
    const report = await orgs.ok(
      `query($id: ID!) { committeeChecks(filter: { subtreeOf: $id }, problem: WOMEN_WORKERS_COMMITTEE_MISSING) { nodes { organization { id } } } }`,
      { id: tree.township },
      testCallers.analyst(),
    );
    const listed = report.committeeChecks.nodes.map(
      (n: { organization: { id: string } }) => n.organization.id,
    );
    expect(listed).toContain(ten);
    expect(listed).not.toContain(nine);
  });

  it('falls back to the reported figure only where the registry holds no member of the union', async () => {
    const unknown = await union('未入库工会', 12);
    const emptied = await union('会员已全部转出工会', 12);
    await counts(emptied, 0, 0);
    for (const id of [unknown, emptied]) {
      const seen = await r14(id);
      expect(seen.womenWorkers).toMatchObject({ femaleMembers: 12, source: 'REPORTED', duty: 'COMMITTEE' });
      expect(seen.committeeProblems).toEqual(['WOMEN_WORKERS_COMMITTEE_MISSING']);
    }
    expect((await r14(unknown)).womenWorkers.registryMembers).toBeNull();
    expect((await r14(emptied)).womenWorkers.registryMembers).toBe(0);
    const none = await union('无女会员工会', 0);
    expect((await r14(none)).womenWorkers).toMatchObject({
      femaleMembers: 0,
      source: 'REPORTED',
      duty: 'NONE',
    });
  });

  it('below 10 female members requires a women-workers member of the union committee', async () => {
    const without = await union('无女职工委员工会', 0);
    await counts(without, 30, 1);
    expect((await r14(without)).committeeProblems).toEqual(['WOMEN_WORKERS_MEMBER_MISSING']);
    // A women workers' committee does more than the member: nothing missing.
    await orgs.ok(TERM, {
      input: {
        organizationId: without,
        type: 'WOMEN_WORKERS_COMMITTEE',
        termStart: '2024-01-01',
        termYears: 5,
        seats: 3,
      },
    });
    expect((await r14(without)).committeeProblems).toEqual([]);
    await counts(without, 30, 0);
    expect((await r14(without)).womenWorkers.duty).toBe('NONE');

    const wrong = await orgs.fails(TERM, {
      input: {
        organizationId: without,
        type: 'FUNDS_AUDIT_COMMITTEE',
        termStart: '2025-01-01',
        termYears: 5,
        seats: 3,
        womenWorkersMember: true,
      },
    });
    expect([wrong.code, wrong.field]).toEqual(['BAD_USER_INPUT', 'womenWorkersMember']);
    expect(
      await orgs.sg.server.models.CommitteeTerm.countDocuments({
        organizationId: without,
        termStart: new Date('2025-01-01'),
      }),
    ).toBe(0);
  });

  it('keeps the newest snapshot: replays and late older snapshots change nothing, and only changes are relayed', async () => {
    const id = await union('乱序工会', 0, true);
    const relayedBefore = await relayed(id);
    await counts(id, 30, 12, 5_000);
    await counts(id, 30, 12, 5_000);
    await counts(id, 25, 3, 4_000);
    expect((await r14(id)).womenWorkers).toMatchObject({ registryMembers: 30, registryFemaleMembers: 12 });
    expect(await orgs.sg.server.models.RegistryCount.findById(id).lean()).toMatchObject({ version: 5_000 });
    expect((await relayed(id)) - relayedBefore).toBe(1);
    // Two snapshots in one batch: the newer wins whatever their order.
    await publishChanges(orgs.sg.server.redis, orgs.sg.server.keyspace, MEMBERS_SUBGRAPH, [
      { type: 'RegistryCount', id, op: 'upsert', version: 6_001, data: { members: 31, femaleMembers: 13 } },
      { type: 'RegistryCount', id, op: 'upsert', version: 6_000, data: { members: 29, femaleMembers: 11 } },
      { type: 'Member', id: 'm-1', op: 'upsert', version: 1, data: { organizationId: id, status: 'ACTIVE' } },
    ]);
    await orgs.sg.server.subscriptions[MEMBERS_SUBGRAPH]!.caughtUp();
    expect((await r14(id)).womenWorkers).toMatchObject({ registryMembers: 31, registryFemaleMembers: 13 });
    expect(await orgs.sg.server.models.RegistryCount.countDocuments({ _id: id })).toBe(1);
  });
});

/** How many registry snapshots of the union organizations relayed on its own stream. */
async function relayed(unionId: string): Promise<number> {
  const { redis, keyspace } = orgs.sg.server;
  const entries = await redis.xrange(streamKey(keyspace, 'organizations'), '-', '+');
  return entries
    .map(([, fields]) => JSON.parse(fields[fields.indexOf('event') + 1]!) as ChangeEvent)
    .filter((e) => e.type === 'RegistryCount' && e.id === unionId && e.relayedFrom === MEMBERS_SUBGRAPH)
    .length;
}

describe('registry counts for an analyst (issue #19: the statistics k, 5)', () => {
  const analyst = testCallers.analyst();
  const seen = async (id: string) => (await orgs.ok(R14, { id }, analyst)).organization.womenWorkers;

  it('withholds a count under k, and the female members where the men beside them are under k', async () => {
    const [few, beside, shown] = [
      await union('四名女会员工会', 0),
      await union('两名男会员工会', 0),
      await union('五名女会员工会', 0),
    ];
    await counts(few, 9, 4);
    await counts(beside, 7, 5);
    await counts(shown, 10, 5);
    // k−1 women: withheld, and so are R14's figure from them and its duty (MEMBER: 1–9 women).
    expect(await seen(few)).toEqual({
      registryMembers: 9,
      registryFemaleMembers: null,
      femaleMembers: null,
      source: 'REGISTRY',
      duty: null,
    });
    // k women beside 2 men: the men would be the difference.
    expect(await seen(beside)).toMatchObject({
      registryMembers: 7,
      registryFemaleMembers: null,
      femaleMembers: null,
      duty: null,
    });
    expect(await seen(shown)).toMatchObject({
      registryMembers: 10,
      registryFemaleMembers: 5,
      femaleMembers: 5,
      duty: 'MEMBER',
    });
    // Administrators read them all, the duty with them.
    expect(await r14(few)).toMatchObject({
      womenWorkers: { registryMembers: 9, registryFemaleMembers: 4, duty: 'MEMBER' },
    });
  });

  it("withholds WOMEN_WORKERS_MEMBER_MISSING (1–9 women) where R14's duty is withheld", async () => {
    const [four, five] = [
      await union('四名女会员无女职工委员工会', 0),
      await union('五名女会员无女职工委员工会', 0),
    ];
    await counts(four, 20, 4);
    await counts(five, 20, 5);
    const problems = async (id: string, caller = analyst) =>
      (await orgs.ok(R14, { id }, caller)).organization.committeeProblems;
    expect(await problems(four)).toEqual([]);
    expect(await problems(five)).toEqual(['WOMEN_WORKERS_MEMBER_MISSING']);
    expect(await problems(four, testCallers.national())).toEqual(['WOMEN_WORKERS_MEMBER_MISSING']);
    // The committee checks list the same way: an analyst's would name the union of 4 women.
    const checked = async (caller: typeof analyst) => {
      const report = await orgs.ok(
        `query($id: ID!) { committeeChecks(filter: { subtreeOf: $id }, problem: WOMEN_WORKERS_MEMBER_MISSING, first: 100) { nodes { organization { id } } } }`,
        { id: tree.township },
        caller,
      );
      return report.committeeChecks.nodes.map((n: { organization: { id: string } }) => n.organization.id);
    };
    expect(await checked(analyst)).toEqual(expect.arrayContaining([five]));
    expect(await checked(analyst)).not.toContain(four);
    expect(await checked(testCallers.national())).toEqual(expect.arrayContaining([four, five]));
  });
});
