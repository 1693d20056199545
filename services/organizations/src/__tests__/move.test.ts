import { type ChangeEvent, type Consumer, type OrgRef, startConsumer } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import type { Context } from '../context';
import { moveOrganization } from '../domain/move';
import type { OrganizationDoc } from '../models';
import { type BaseTree, baseTree, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;
let consumer: Consumer;
/** What a consuming service learned from the stream: the newest path of each organization. */
const seen = new Map<string, { path: string[]; version: number }>();

beforeAll(async () => {
  orgs = await startOrgs();
  const { server } = orgs.sg;
  consumer = await startConsumer({
    redis: server.redis,
    keyspace: server.keyspace,
    source: 'organizations',
    group: 'move-test',
    consumer: 'c1',
    handle: async (events: ChangeEvent[]) => {
      for (const e of events) {
        const known = seen.get(e.id);
        if (!known || known.version <= e.version)
          seen.set(e.id, { path: (e.data as OrgRef).path, version: e.version });
      }
    },
  });
  tree = await baseTree(orgs);
});
afterAll(async () => {
  await consumer?.stop();
  await orgs?.sg.stop();
});

const MOVE = `mutation($id: ID!, $to: ID!) { moveOrganization(id: $id, parentId: $to) { id done moved organization { parent { id } } } }`;

/** A county federation with `townships` street federations of `unions` grassroots unions each, inserted in bulk. */
async function bigCounty(parentId: string, townships: number, unions: number): Promise<OrganizationDoc> {
  const { Organization } = orgs.sg.server.models;
  const county = await orgs.create({
    name: '越秀区总工会',
    type: 'LOCAL_FEDERATION',
    divisionCode: '440104',
    parentId,
  });
  const countyDoc = (await Organization.findById(county.id).lean<OrganizationDoc>())!;
  const docs: Partial<OrganizationDoc>[] = [];
  for (let t = 0; t < townships; t++) {
    const township = new Organization({
      name: `街道${t}总工会`,
      type: 'TOWNSHIP_FEDERATION',
      level: 'TOWNSHIP',
      parentId: county.id,
      divisionCode: '440104',
    });
    township.path = [...countyDoc.path, township._id];
    docs.push(township.toObject());
    for (let u = 0; u < unions; u++) {
      const union = new Organization({
        name: `企业${t}-${u}工会`,
        type: 'GRASSROOTS',
        level: 'GRASSROOTS',
        parentId: township._id,
        divisionCode: '440104',
      });
      union.path = [...township.path, union._id];
      docs.push(union.toObject());
    }
  }
  await Organization.insertMany(docs, { ordered: false });
  return countyDoc;
}

describe('moving a subtree', () => {
  it('refuses cycles, wrong parent types and level changes, writing nothing', async () => {
    const township = await orgs.create({
      name: '测试街道',
      type: 'TOWNSHIP_FEDERATION',
      divisionCode: '440106',
      parentId: tree.tianhe,
    });
    const cases: [string, string, string, string][] = [
      [tree.guangzhou, tree.tianhe, 'BAD_USER_INPUT', 'parentId'], // under its own child: a cycle
      [tree.guangzhou, tree.guangzhou, 'BAD_USER_INPUT', 'parentId'],
      [tree.tianhe, township.id, 'BAD_USER_INPUT', 'parentId'], // a county under a township
      [tree.tianhe, tree.guangdong, 'BAD_USER_INPUT', 'parentId'], // would become a city
      [tree.national, tree.guangdong, 'BAD_USER_INPUT', 'id'],
      [tree.tianhe, 'missing', 'NOT_FOUND', 'parentId'],
    ];
    for (const [id, to, code, field] of cases) {
      const error = await orgs.fails(MOVE, { id, to });
      expect([id, to, error.code, error.field]).toEqual([id, to, code, field]);
    }
    expect(await orgs.sg.server.models.OrgMove.countDocuments()).toBe(0);
    const outside = await orgs.fails(
      MOVE,
      { id: township.id, to: tree.zhongyuan },
      testCallers.orgAdmin(tree.guangdong),
    );
    expect(outside.code).toBe('FORBIDDEN');
  });

  it('moves a county of 3,000 organizations to another city; an interrupted move finishes on re-run', async () => {
    const { Organization } = orgs.sg.server.models;
    const county = await bigCounty(tree.guangzhou, 30, 99);
    const total = 1 + 30 * 100;
    const shenzhen = await orgs.create({
      name: '深圳市总工会',
      type: 'LOCAL_FEDERATION',
      divisionCode: '440300',
      parentId: tree.guangdong,
    });

    // The first run dies after its first batch of 1,000.
    const ctx = {
      models: orgs.sg.server.models,
      publish: orgs.sg.server.publish,
      scope: { requireWritableOrg: async () => undefined },
      loaders: { organization: { load: (id: string) => Organization.findById(id).lean() } },
      caller: testCallers.national(),
    } as unknown as Context;
    await expect(
      moveOrganization(ctx, county._id, shenzhen.id, {
        afterBatch: () => {
          throw new Error('crash');
        },
      }),
    ).rejects.toThrow('crash');
    expect(await Organization.countDocuments({ path: county._id, 'path.2': shenzhen.id })).toBe(1000);
    // As if the crash had come inside the next batch, between deleting old documents and inserting new ones.
    const staged = await Organization.find(
      { path: county._id, 'path.2': shenzhen.id, _id: { $ne: county._id } },
      { _id: 1 },
    )
      .limit(5)
      .lean();
    await Organization.deleteMany({ _id: { $in: staged.map((s) => s._id) } });

    // Meanwhile, another move and growth of the moving subtree are refused.
    const other = await orgs.fails(MOVE, { id: tree.zhongyuan, to: tree.zhengzhou });
    expect(other.code).toBe('CONFLICT');
    const grow = await orgs.fails(
      'mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      {
        input: { name: '新工会', type: 'TOWNSHIP_FEDERATION', divisionCode: '440104', parentId: county._id },
      },
    );
    expect(grow.code).toBe('CONFLICT');

    // How long a move takes is the bench's to measure, not a test's (it varies with the machine's load).
    const { moveOrganization: done } = await orgs.ok(MOVE, { id: county._id, to: shenzhen.id });
    expect(done).toMatchObject({ done: true, moved: total, organization: { parent: { id: shenzhen.id } } });

    const moved = await Organization.find({ path: county._id }, { path: 1, version: 1 }).lean();
    expect(moved).toHaveLength(total);
    const prefix = [tree.national, tree.guangdong, shenzhen.id, county._id];
    expect(moved.every((o) => prefix.every((id, i) => o.path[i] === id))).toBe(true);
    expect(moved.every((o) => o.version === 2)).toBe(true);
    // Guangzhou keeps Tianhe and its two street federations, nothing of the moved county.
    expect(await Organization.countDocuments({ path: tree.guangzhou, _id: { $ne: tree.guangzhou } })).toBe(3);

    expect(await orgs.sg.server.models.OrgMoveNode.countDocuments()).toBe(0);

    // Every node reached the consumer with its new path and version.
    await consumer.caughtUp();
    const heard = moved.map((o) => seen.get(o._id));
    expect(heard.every((h, i) => h?.version === 2 && h.path.join() === moved[i]!.path.join())).toBe(true);

    const record = await orgs.ok(
      'query($id: ID!) { organizationMove(id: $id) { done moved fromParentId toParentId } }',
      {
        id: done.id,
      },
    );
    expect(record.organizationMove).toEqual({
      done: true,
      moved: total,
      fromParentId: tree.guangzhou,
      toParentId: shenzhen.id,
    });

    // Asking again is harmless: the finished move comes back.
    const again = await orgs.ok(MOVE, { id: county._id, to: shenzhen.id });
    expect(again.moveOrganization.id).toBe(done.id);
  }, 180_000);
});
