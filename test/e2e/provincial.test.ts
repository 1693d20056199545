import { once } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { guangdongSubgraph } from '@union-graph/guangdong';
import { generateSubgraph, registerSubgraph, unregisterSubgraph } from '@union-graph/provincial';
import { SCALES } from '@union-graph/seed';
import { startTestSubgraph, type TestSubgraph, testCallers } from '@union-graph/subgraph-kit/testing';
import { composeSupergraph, REPO_ROOT, readSubgraphList } from '@union-graph/supergraph';
import { startTestGraph, type TestGraph } from '../support/graph';

// The provincial tools speak the terminal's language: these checks read their Chinese.
const locale = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
beforeAll(() => {
  Object.assign(process.env, { LANG: 'zh_CN.UTF-8', LC_ALL: '' });
});
afterAll(() => {
  for (const [k, v] of Object.entries(locale))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
});

/**
 * A provincial federation joins the running graph: the Guangdong example is registered while the
 * gateway serves (it hot-swaps the supergraph file register writes), queried together with core
 * fields, taken down, and removed again, without a failed core request at any point.
 */

let dir: string;
let files: { subgraphsFile: string; supergraphFile: string };
let graph: TestGraph;
let gd: TestSubgraph<unknown>;
let gdUnion: string;
let gdProvince: string;
let bjProvince: string;
let gdMember: string;

const ORG = `query($id: ID!) { organization(id: $id) { name memberCount gdActiveCardCount gdHonors { kind year } } }`;
const CORE = `query($id: ID!) { organization(id: $id) { name memberCount } }`;

/** Applies a registry change and waits until the gateway serves the new supergraph. */
async function swap(change: () => unknown): Promise<void> {
  const applied = Promise.race([
    once(graph.gateway.supergraph, 'applied'),
    once(graph.gateway.supergraph, 'rejected').then(([err]) => Promise.reject(err)),
  ]);
  change();
  await applied;
}

/** Core queries sent back to back while `during` runs: every one must succeed. */
async function coreTrafficDuring(during: () => Promise<void>): Promise<number> {
  let running = true;
  let answered = 0;
  const caller = testCallers.national();
  const traffic = (async () => {
    while (running) {
      const res = await graph.query(CORE, { caller, variables: { id: gdUnion } });
      expect(res.errors).toBeUndefined();
      expect(res.data?.organization).toMatchObject({ name: expect.any(String) });
      answered += 1;
    }
  })();
  await during();
  running = false;
  await traffic;
  return answered;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'provincial-e2e-'));
  mkdirSync(join(dir, 'services'));
  files = { subgraphsFile: join(dir, 'subgraphs.json'), supergraphFile: join(dir, 'supergraph.graphql') };
  const core = readSubgraphList().filter((e) => e.package !== 'services/guangdong');
  writeFileSync(files.subgraphsFile, JSON.stringify(core));
  // Beijing and Guangdong: the first two provinces of the demo data.
  writeFileSync(files.supergraphFile, composeSupergraph(core));
  graph = await startTestGraph({
    scale: { ...SCALES.tiny!, provinces: 2 },
    gateway: { supergraphSdl: undefined, supergraphFile: files.supergraphFile },
  });
  const orgs = graph.plan.organizations;
  gdProvince = orgs.find((o) => o.divisionCode === '440000')!._id;
  bjProvince = orgs.find((o) => o.divisionCode === '110000')!._id;
  gdUnion = orgs.find((o) => o.type === 'GRASSROOTS' && o.divisionCode.startsWith('44'))!._id;
  gdMember = graph.plan.members.find((m) => m.organizationId === gdUnion)!._id;
  gd = (await startTestSubgraph(guangdongSubgraph, graph.runtime)) as TestSubgraph<unknown>;
  await gd.server.directory?.caughtUp();
});
afterAll(async () => {
  await gd?.stop();
  await graph?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a provincial subgraph on the running graph', () => {
  it('is registered without a restart or a failed request, and answers with core fields in one query', async () => {
    const answered = await coreTrafficDuring(() =>
      swap(() => registerSubgraph({ name: 'guangdong', url: gd.url, ...files })),
    );
    expect(answered).toBeGreaterThan(0);

    const admin = testCallers.orgAdmin(gdProvince);
    const honor = await graph.query(
      `mutation($input: GdConferHonorInput!) { gdConferHonor(input: $input) { kind organization { name } } }`,
      {
        caller: admin,
        variables: { input: { kind: 'MODEL_WORKERS_HOME', year: 2024, organizationId: gdUnion } },
      },
    );
    expect(honor.errors).toBeUndefined();
    const card = await graph.query(
      `mutation($input: GdIssueBenefitCardInput!) { gdIssueBenefitCard(input: $input) { status member { name } } }`,
      { caller: admin, variables: { input: { memberId: gdMember, organizationId: gdUnion } } },
    );
    expect(card.data).toEqual({
      gdIssueBenefitCard: { status: 'ACTIVE', member: { name: expect.any(String) } },
    });

    const res = await graph.query(ORG, { caller: admin, variables: { id: gdUnion } });
    expect(res.errors).toBeUndefined();
    expect(res.data?.organization).toEqual({
      name: expect.any(String),
      memberCount: expect.any(Number),
      gdActiveCardCount: 1,
      gdHonors: [{ kind: 'MODEL_WORKERS_HOME', year: 2024 }],
    });
  });

  it('adds its fields to its own province only; a Beijing administrator gets nothing from it', async () => {
    const bjUnion = graph.plan.organizations.find(
      (o) => o.type === 'GRASSROOTS' && o.divisionCode.startsWith('11'),
    )!;
    const national = await graph.query(ORG, {
      caller: testCallers.national(),
      variables: { id: bjUnion._id },
    });
    expect(national.data?.organization).toMatchObject({ gdActiveCardCount: null, gdHonors: null });

    const beijing = testCallers.orgAdmin(bjProvince);
    const root = await graph.query(`{ gdHonors { totalCount } }`, { caller: beijing });
    expect(root.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = await graph.query(ORG, { caller: beijing, variables: { id: bjUnion._id } });
    expect(own.data?.organization).toMatchObject({
      name: bjUnion.name,
      gdActiveCardCount: null,
      gdHonors: null,
    });
  });

  it('refuses a candidate that collides with it, and the gateway keeps the last good supergraph', () => {
    generateSubgraph({ province: '440000', name: 'guangzhou', namespace: 'Gz', root: dir });
    const before = graph.gateway.supergraph.id;
    const pkg = relative(REPO_ROOT, join(dir, 'services', 'guangzhou'));
    writeFileSync(
      join(dir, 'services/guangzhou/package.json'),
      JSON.stringify({
        name: '@union-graph/guangzhou',
        unionGraph: { province: '440000', namespace: 'Gd', port: 4102 },
      }),
    );
    expect(() => registerSubgraph({ name: 'guangzhou', package: pkg, ...files })).toThrow(
      /命名空间 Gd 也被 guangdong 使用/,
    );
    expect(graph.gateway.supergraph.id).toBe(before);
  });

  it('going down nulls its own fields with errors, and core fields keep coming', async () => {
    await gd.stop();
    const res = await graph.query(ORG, { caller: testCallers.national(), variables: { id: gdUnion } });
    expect(res.data?.organization).toMatchObject({
      name: expect.any(String),
      memberCount: expect.any(Number),
      gdActiveCardCount: null,
      gdHonors: null,
    });
    // One error, for the one subgraph that failed; the core's fields came back whole.
    expect(res.errors).toHaveLength(1);
  });

  it('is removed without a failed request; its fields are gone and the core answers', async () => {
    await coreTrafficDuring(() => swap(() => unregisterSubgraph({ name: 'guangdong', ...files })));
    const res = await graph.query(ORG, { caller: testCallers.national(), variables: { id: gdUnion } });
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const core = await graph.query(CORE, { caller: testCallers.national(), variables: { id: gdUnion } });
    expect(core.errors).toBeUndefined();
  });
});
