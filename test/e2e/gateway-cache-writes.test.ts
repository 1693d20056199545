import { testCallers } from '@union-graph/subgraph-kit/testing';
import { cacheCount, startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();
const hits = () => cacheCount(graph, 'response', 'hit');

const CARD = 'query Card($id: ID!) { organization(id: $id) { id name locality version memberCount } }';
const LIST = `query Under($org: ID!) {
  organizations(first: 50, filter: { subtreeOf: $org }) { nodes { id name } }
}`;
const WRITE = `mutation Change($id: ID!, $locality: String!) {
  updateOrganization(id: $id, input: { locality: $locality }) { id version }
}`;
type Card = { organization: { id: string; locality: string | null; version: number } | null };

/** A grassroots union, its parent, and a union in another subtree (neither above nor beside it). */
function unions() {
  const orgs = graph.plan.organizations;
  const a = orgs.find((o) => o.type === 'GRASSROOTS')!;
  const b = orgs.find(
    (o) => !o.path.includes(a._id) && !a.path.includes(o._id) && !o.path.includes(a.parentId!),
  )!;
  return { a, b, parent: orgs.find((o) => o._id === a.parentId)! };
}

describe('caching under writes, through the gateway', () => {
  it('keeps other unions’ cards and lists cached across a write, and shows the write on the next read at once', async () => {
    const { a, b, parent } = unions();
    const card = (id: string) => graph.query<Card>(CARD, { caller: national, variables: { id } });
    const list = (org: string) => graph.query(LIST, { caller: national, variables: { org } });
    const [cardA, cardB] = [await card(a._id), await card(b._id)];
    const [underParent, underOther] = [await list(parent._id), await list(b._id)];
    expect(cardB.errors).toBeUndefined();
    expect(underParent.data).toMatchObject({
      organizations: { nodes: expect.arrayContaining([{ id: a._id, name: a.name }]) },
    });

    const written = await graph.query<{ updateOrganization: { version: number } }>(WRITE, {
      caller: national,
      variables: { id: a._id, locality: '缓存验证路1号' },
    });
    expect(written.errors).toBeUndefined();
    const version = written.data!.updateOrganization.version;
    expect(version).toBe(cardA.data!.organization!.version + 1);

    // Read right after the acknowledgement, without waiting for anything: the write is there.
    const before = await hits();
    const fresh = await card(a._id);
    expect(fresh.data!.organization).toMatchObject({ locality: '缓存验证路1号', version });
    expect(await hits()).toBe(before);
    expect((await card(b._id)).data).toEqual(cardB.data);
    expect(await hits()).toBe(before + 1);
    expect((await list(b._id)).data).toEqual(underOther.data);
    expect(await hits()).toBe(before + 2);
    expect((await list(parent._id)).data).toEqual(underParent.data);
    expect(await hits()).toBe(before + 2);
  });

  it('never serves a cached card to an admin outside its subtree, and a refused write drops nothing', async () => {
    const { a, b } = unions();
    await graph.query(CARD, { caller: national, variables: { id: a._id } });
    const outside = await graph.query<Card>(CARD, {
      caller: testCallers.orgAdmin(b._id),
      variables: { id: a._id },
    });
    // Not in the admin's subtree: absent to them, though the same card sits in the cache for national.
    expect(outside.errors).toBeUndefined();
    expect(outside.data).toEqual({ organization: null });

    const refused = await graph.query(WRITE, {
      caller: testCallers.analyst(),
      variables: { id: a._id, locality: '不应写入' },
    });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await graph.settled();
    const before = await hits();
    const card = await graph.query<Card>(CARD, { caller: national, variables: { id: a._id } });
    expect(card.data!.organization!.locality).not.toBe('不应写入');
    expect(await hits()).toBe(before + 1);
  });
});
