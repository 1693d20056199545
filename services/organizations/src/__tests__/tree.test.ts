import { makeCreditCode } from '@union-graph/domain';
import {
  applyOrgEvents,
  type Consumer,
  connectMongo,
  countCommands,
  orgDirectoryModel,
  startConsumer,
} from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import type { Connection } from 'mongoose';
import { type BaseTree, baseTree, CREATE, national, type Orgs, startOrgs } from './fixtures';

let orgs: Orgs;
let tree: BaseTree;
let directoryConn: Connection;
let directory: Consumer;

beforeAll(async () => {
  orgs = await startOrgs();
  // A second service's view of the tree, kept only from the change events (as the kit does).
  const { server } = orgs.sg;
  directoryConn = await connectMongo(process.env.MONGO_URL!, `${server.keyspace.replace(':', '')}_consumer`);
  const model = orgDirectoryModel(directoryConn);
  await model.init();
  directory = await startConsumer({
    redis: server.redis,
    keyspace: server.keyspace,
    source: 'organizations',
    group: 'tree-test',
    consumer: 'c1',
    handle: async (events) => {
      await applyOrgEvents(model, events);
    },
  });
  tree = await baseTree(orgs);
});
afterAll(async () => {
  await directory?.stop();
  await directoryConn?.dropDatabase();
  await directoryConn?.close();
  await orgs?.sg.stop();
});

const TREE = `query($id: ID!) {
  organization(id: $id) {
    name type level status divisionCode province city county
    parent { id } ancestors { name }
    children(first: 10) { totalCount nodes { name } }
  }
}`;

describe('the union tree', () => {
  it('derives levels from type and parent, and exposes parent, ancestors, children and places', async () => {
    const grassroots = await orgs.create({
      name: '某科技公司工会委员会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
    });
    expect(grassroots.level).toBe('GRASSROOTS');
    const { organization } = await orgs.ok(TREE, { id: grassroots.id });
    expect(organization).toMatchObject({
      level: 'GRASSROOTS',
      status: 'ACTIVE',
      province: '广东省',
      city: '广州市',
      county: '天河区',
      parent: { id: tree.township },
    });
    expect(organization.ancestors.map((a: { name: string }) => a.name)).toEqual([
      '中华全国总工会',
      '广东省总工会',
      '广州市总工会',
      '天河区总工会',
      '石牌街道总工会',
    ]);
    const county = await orgs.ok(TREE, { id: tree.tianhe });
    expect(county.organization).toMatchObject({ level: 'COUNTY', children: { totalCount: 1 } });
  });

  it.each([
    ['a county federation under a grassroots union', 'LOCAL_FEDERATION', 'grassroots'],
    ['a township federation under a province', 'TOWNSHIP_FEDERATION', 'guangdong'],
    ['a regional federation under a city (R4: below county level)', 'REGIONAL_FEDERATION', 'guangzhou'],
    ['a second national federation', 'NATIONAL_FEDERATION', 'national'],
  ])('refuses %s, writing nothing', async (_label, type, parentKey) => {
    const parentId =
      parentKey === 'grassroots'
        ? (
            await orgs.create({
              name: '甲工会',
              type: 'GRASSROOTS',
              divisionCode: '440106',
              parentId: tree.township,
            })
          ).id
        : tree[parentKey as keyof BaseTree];
    const before = await orgs.sg.server.models.Organization.countDocuments();
    const error = await orgs.fails(CREATE, {
      input: { name: '错误', type, divisionCode: '440106', parentId },
    });
    expect([error.code, error.field]).toEqual(['BAD_USER_INPUT', 'parentId']);
    expect(await orgs.sg.server.models.Organization.countDocuments()).toBe(before);
  });

  it('refuses an unknown parent, bad division and credit codes, and negative or inconsistent counts', async () => {
    const input = { name: '乙工会', type: 'GRASSROOTS', divisionCode: '440106', parentId: tree.township };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ parentId: 'nope' }, 'NOT_FOUND', 'parentId'],
      [{ divisionCode: '449999' }, 'BAD_USER_INPUT', 'divisionCode'],
      [{ creditCode: `${makeCreditCode('81', '440106', 7).slice(0, 17)}0` }, 'BAD_USER_INPUT', 'creditCode'],
      [{ creditCode: makeCreditCode('91', '440106', 7) }, 'BAD_USER_INPUT', 'creditCode'],
      [{ reportedMembers: -1 }, 'BAD_USER_INPUT', 'reportedMembers'],
      [{ reportedMembers: 5, reportedFemaleMembers: 6 }, 'BAD_USER_INPUT', 'reportedFemaleMembers'],
      [{ status: 'DISSOLVED' }, 'BAD_USER_INPUT', 'status'],
    ];
    const before = await orgs.sg.server.models.Organization.countDocuments();
    for (const [change, code, field] of cases) {
      const error = await orgs.fails(CREATE, { input: { ...input, ...change } });
      expect([JSON.stringify(change), error.code, error.field]).toEqual([
        JSON.stringify(change),
        code,
        field,
      ]);
    }
    const cityWithCountyCode = await orgs.fails(CREATE, {
      input: { name: '市总', type: 'LOCAL_FEDERATION', divisionCode: '440106', parentId: tree.guangdong },
    });
    expect([cityWithCountyCode.code, cityWithCountyCode.field]).toEqual(['BAD_USER_INPUT', 'divisionCode']);
    expect(await orgs.sg.server.models.Organization.countDocuments()).toBe(before);
    const valid = await orgs.create({ ...input, creditCode: makeCreditCode('81', '440106', 7) });
    expect(valid.level).toBe('GRASSROOTS');
  });

  it("limits provincial staff to their province's subtree, and analysts to reading", async () => {
    const guangdongAdmin = testCallers.orgAdmin(tree.guangdong);
    const seen = await orgs.ok(
      '{ organizations(first: 100) { totalCount nodes { id } } }',
      undefined,
      guangdongAdmin,
    );
    const all = await orgs.sg.server.models.Organization.find({ path: tree.guangdong }, { _id: 1 }).lean();
    expect(seen.organizations.totalCount).toBe(all.length);
    expect((await orgs.ok(TREE, { id: tree.henan }, guangdongAdmin)).organization).toBeNull();
    const create = await orgs.fails(
      CREATE,
      { input: { name: '越权', type: 'LOCAL_FEDERATION', divisionCode: '410200', parentId: tree.henan } },
      guangdongAdmin,
    );
    expect(create.code).toBe('FORBIDDEN');
    const rename = await orgs.fails(
      'mutation($id: ID!) { updateOrganization(id: $id, input: { name: "x" }) { id } }',
      { id: tree.zhengzhou },
      guangdongAdmin,
    );
    expect(rename.code).toBe('FORBIDDEN');
    const analyst = await orgs.fails(
      CREATE,
      {
        input: { name: '分析', type: 'GRASSROOTS', divisionCode: '440106', parentId: tree.township },
      },
      testCallers.analyst(),
    );
    expect(analyst.code).toBe('FORBIDDEN');
    const inside = await orgs.create(
      { name: '丙工会', type: 'GRASSROOTS', divisionCode: '440106', parentId: tree.township },
      guangdongAdmin,
    );
    expect(inside.level).toBe('GRASSROOTS');
  });

  it('filters, sorts, pages and counts for analysts', async () => {
    const analyst = testCallers.analyst();
    const page = await orgs.ok(
      `{ organizations(first: 2, filter: { type: LOCAL_FEDERATION, divisionCode: "44" }, orderBy: { field: NAME, direction: DESC }) {
          totalCount nodes { name } pageInfo { hasNextPage endCursor } } }`,
      undefined,
      analyst,
    );
    expect(page.organizations.totalCount).toBe(3);
    expect(page.organizations.nodes.map((n: { name: string }) => n.name)).toEqual([
      '广州市总工会',
      '广东省总工会',
    ]);
    expect(page.organizations.pageInfo.hasNextPage).toBe(true);
    const descendants = await orgs.ok(
      `query($id: ID!) { organization(id: $id) { descendants(first: 100, filter: { level: COUNTY }) { totalCount } } }`,
      { id: tree.national },
      analyst,
    );
    expect(descendants.organization.descendants.totalCount).toBe(2);
    const byType = await orgs.ok('{ organizationCounts(by: TYPE) { key count } }', undefined, analyst);
    const count = (key: string) =>
      byType.organizationCounts.find((r: { key: string }) => r.key === key)?.count;
    expect(count('NATIONAL_FEDERATION')).toBe(1);
    expect(count('LOCAL_FEDERATION')).toBe(6);
    const byProvince = await orgs.ok(
      '{ organizationCounts(by: PROVINCE, filter: { level: CITY }) { key label count } }',
      undefined,
      analyst,
    );
    expect(byProvince.organizationCounts).toEqual([
      { key: '410000', label: '河南省', count: 1 },
      { key: '440000', label: '广东省', count: 1 },
    ]);
  });

  it('words a refusal in Chinese by default and in English for a caller who asks, with the same code and key', async () => {
    const input = { name: '错误', type: 'LOCAL_FEDERATION', divisionCode: '440106', parentId: tree.township };
    const zh = await orgs.fails(CREATE, { input });
    const en = await orgs.fails(CREATE, { input }, { ...national, language: 'en' });
    expect(zh.message).toBe('LOCAL_FEDERATION 不能设在 TOWNSHIP_FEDERATION (TOWNSHIP) 之下');
    expect(en.message).toBe('a LOCAL_FEDERATION cannot sit under a TOWNSHIP_FEDERATION (TOWNSHIP)');
    for (const error of [zh, en]) {
      expect([error.code, error.field, error.extensions.messageKey]).toEqual([
        'BAD_USER_INPUT',
        'parentId',
        'organizations.placement',
      ]);
    }
  });

  it('says what is wrong with a credit code: its length, a character, or its check character', async () => {
    const valid = makeCreditCode('81', '440106', 8);
    const wrongCheck = `${valid.slice(0, 17)}${valid[17] === '0' ? '1' : '0'}`;
    const cases: [string, string, string][] = [
      [valid.slice(0, 17), 'organizations.creditCodeLength', '统一社会信用代码须为 18 位'],
      [
        `${valid.slice(0, 17)}I`,
        'organizations.creditCodeCharacters',
        '统一社会信用代码只能包含数字和字母 A–H、J–N、P–R、T、U、W–Y',
      ],
      [wrongCheck, 'organizations.creditCodeCheck', '统一社会信用代码校验位错误'],
      [
        makeCreditCode('91', '440106', 8),
        'organizations.unionCreditPrefix',
        '工会的统一社会信用代码以 81 开头',
      ],
    ];
    for (const [creditCode, key, message] of cases) {
      const error = await orgs.fails(CREATE, {
        input: {
          name: '丙工会',
          type: 'GRASSROOTS',
          divisionCode: '440106',
          parentId: tree.township,
          creditCode,
        },
      });
      expect([creditCode, error.code, error.field, error.extensions.messageKey, error.message]).toEqual([
        creditCode,
        'BAD_USER_INPUT',
        'creditCode',
        key,
        message,
      ]);
    }
  });

  it("labels counts by type, level and status in the caller's language", async () => {
    const analyst = testCallers.analyst();
    const COUNTS = `query($by: OrganizationCountDimension!) {
      organizationCounts(by: $by, filter: { level: PROVINCE }) { key label count }
    }`;
    const counts = async (by: string, caller = analyst) =>
      (await orgs.ok(COUNTS, { by }, caller)).organizationCounts;
    expect(await counts('TYPE')).toEqual([{ key: 'LOCAL_FEDERATION', label: '地方总工会', count: 2 }]);
    expect(await counts('TYPE', { ...analyst, language: 'en' })).toEqual([
      { key: 'LOCAL_FEDERATION', label: 'Local federation', count: 2 },
    ]);
    expect(await counts('LEVEL')).toEqual([{ key: 'PROVINCE', label: '省级', count: 2 }]);
    expect(await counts('STATUS', { ...analyst, language: 'en' })).toEqual([
      { key: 'ACTIVE', label: 'Active', count: 2 },
    ]);
  });

  it('activates, merges and dissolves with dates, refusing to close a union with open children', async () => {
    const joint = await orgs.create({
      name: '联合工会',
      type: 'JOINT_GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
      status: 'PREPARING',
    });
    const branch = await orgs.create({
      name: '分会',
      type: 'BRANCH',
      divisionCode: '440106',
      parentId: joint.id,
    });
    const activate = await orgs.ok(
      'mutation($id: ID!) { updateOrganization(id: $id, input: { status: ACTIVE, establishedAt: "2024-03-01" }) { status establishedAt version } }',
      { id: joint.id },
    );
    expect(activate.updateOrganization).toEqual({
      status: 'ACTIVE',
      establishedAt: '2024-03-01',
      version: 2,
    });
    const DISSOLVE =
      'mutation($id: ID!) { dissolveOrganization(id: $id, dissolvedAt: "2025-01-01") { status dissolvedAt } }';
    const blocked = await orgs.fails(DISSOLVE, { id: joint.id });
    expect([blocked.code, blocked.field]).toEqual(['BAD_USER_INPUT', 'id']);
    expect((await orgs.ok(DISSOLVE, { id: branch.id })).dissolveOrganization).toEqual({
      status: 'DISSOLVED',
      dissolvedAt: '2025-01-01',
    });
    const other = await orgs.create({
      name: '丁工会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
    });
    const MERGE =
      'mutation($id: ID!, $into: ID!) { mergeOrganization(id: $id, intoId: $into, mergedAt: "2025-02-01") { status mergedInto { id } } }';
    const intoCounty = await orgs.fails(MERGE, { id: other.id, into: tree.tianhe });
    expect([intoCounty.code, intoCounty.field]).toEqual(['BAD_USER_INPUT', 'intoId']);
    expect((await orgs.ok(MERGE, { id: other.id, into: joint.id })).mergeOrganization).toEqual({
      status: 'MERGED',
      mergedInto: { id: joint.id },
    });
    const again = await orgs.fails(MERGE, { id: other.id, into: joint.id });
    expect([again.code, again.field]).toEqual(['BAD_USER_INPUT', 'id']);
  });

  it('publishes every change, with its version, to consumers of the organization stream', async () => {
    const created = await orgs.create({
      name: '戊工会',
      type: 'GRASSROOTS',
      divisionCode: '440106',
      parentId: tree.township,
    });
    await orgs.ok(
      'mutation($id: ID!) { updateOrganization(id: $id, input: { name: "戊公司工会" }) { id } }',
      {
        id: created.id,
      },
    );
    await directory.caughtUp();
    const entry = await orgDirectoryModel(directoryConn).findById(created.id).lean();
    expect(entry).toMatchObject({
      name: '戊公司工会',
      type: 'GRASSROOTS',
      level: 'GRASSROOTS',
      status: 'ACTIVE',
      parentId: tree.township,
      divisionCode: '440106',
      version: 2,
    });
    expect(entry?.path.at(-2)).toBe(tree.township);
    // Its ancestors list it in `children` and `descendants`: their cached copies go too.
    const events = (await publishedEvents(orgs.sg.server)).filter((e) => e.id === created.id);
    expect(events.map((e) => e.affects?.map((r) => r.id))).toEqual([
      [tree.national, tree.guangdong, tree.guangzhou, tree.tianhe, tree.township],
      [tree.national, tree.guangdong, tree.guangzhou, tree.tianhe, tree.township],
    ]);
    expect(await orgDirectoryModel(directoryConn).countDocuments()).toBe(
      await orgs.sg.server.models.Organization.countDocuments(),
    );
  });

  it('resolves pages with nested fields in a number of commands that does not grow with the page', async () => {
    const PAGE = `query($n: Int) { organizations(first: $n) { nodes {
      name parent { name } ancestors { name } children(first: 3) { totalCount nodes { name } }
      hostUnits { name coveredBy { id } needsOwnUnion } committees { type expired } committeeProblems
      sixHavesAssessments { year } annualReviews { outcome reviewer { name } } } } }`;
    const commands = countCommands(orgs.sg.server.conn);
    const counted = async (n: number) => {
      commands.reset();
      const data = await orgs.ok(PAGE, { n });
      return { nodes: data.organizations.nodes.length, commands: commands.count };
    };
    const small = await counted(3);
    const large = await counted(30);
    commands.stop();
    expect(large.nodes).toBeGreaterThan(small.nodes);
    expect(large.commands).toBe(small.commands);
    expect(large.commands).toBeLessThanOrEqual(10);
  });
});
