import { makeResidentId } from '@union-graph/domain';
import { type OrgRef, orgChangeEvent, publishChanges } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { cacheCount as countCache, startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

const cacheCount = (layer: string, result: 'hit' | 'miss') => countCache(graph, layer, result);

type OrgModel = {
  findOneAndUpdate(filter: object, update: object, options: object): { lean(): Promise<OrgRef> };
};

/** A write the way a subgraph makes one: the document (its version raised), then its change event. */
async function rename(id: string, name: string): Promise<void> {
  const orgs = graph.subgraphs.organizations!;
  const updated = await (orgs.server.models as { Organization: OrgModel }).Organization.findOneAndUpdate(
    { _id: id },
    { $set: { name }, $inc: { version: 1 } },
    { returnDocument: 'after' },
  ).lean();
  await publishChanges(orgs.server.redis, orgs.server.keyspace, 'organizations', [orgChangeEvent(updated)]);
  await graph.settled();
}

describe('response cache', () => {
  it('serves a repeated query from Redis and a write invalidates it at once', async () => {
    const org = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    const q = 'query OrgName($id: ID!) { organization(id: $id) { name type } }';
    const first = await graph.query<{ organization: { name: string } }>(q, {
      caller: national,
      variables: { id: org._id },
    });
    expect(first.data?.organization.name).toBe(org.name);
    const hits = await cacheCount('response', 'hit');
    const again = await graph.query<{ organization: { name: string } }>(q, {
      caller: national,
      variables: { id: org._id },
    });
    expect(again.data).toEqual(first.data);
    expect(await cacheCount('response', 'hit')).toBe(hits + 1);

    await rename(org._id, `${org.name}（改）`);
    const fresh = await graph.query<{ organization: { name: string } }>(q, {
      caller: national,
      variables: { id: org._id },
    });
    expect(fresh.data?.organization.name).toBe(`${org.name}（改）`);
    await rename(org._id, org.name);
  });
});

describe('a cross-subgraph card', () => {
  // Fields from all five subgraphs: each must carry a cache hint, or the whole answer is uncacheable.
  const CARD = `query Card($id: ID!) { organization(id: $id) { name memberCount
    chair { position } fundAccount { balance } workersHome { name } } }`;
  type Card = { organization: { name: string; memberCount: number; chair: object | null } };
  const read = (id: string) => graph.query<Card>(CARD, { caller: national, variables: { id } });
  /** Calls of the gateway's subgraph fetchers (an entity-cache hit still counts; a response hit not). */
  const fetches = async () =>
    (await graph.gateway.metrics.subgraphLatency.get()).values
      .filter((v) => v.metricName?.endsWith('_count'))
      .reduce((n, v) => n + v.value, 0);

  it('is served from Redis when repeated, and a new member shows on the very next read', async () => {
    const [union, other] = graph.plan.organizations.filter(
      (o) => o.level === 'GRASSROOTS' && graph.plan.cadres.some((c) => c.organizationId === o._id),
    );
    const first = await read(union!._id);
    expect(first.errors).toBeUndefined();
    expect(first.data?.organization.chair).not.toBeNull();
    const otherFirst = await read(other!._id);

    const [hits, before] = [await cacheCount('response', 'hit'), await fetches()];
    expect((await read(union!._id)).data).toEqual(first.data);
    expect(await cacheCount('response', 'hit')).toBe(hits + 1);
    expect(await fetches()).toBe(before);

    const registered = await graph.query(
      'mutation($input: MemberInput!) { registerMember(input: $input) { id } }',
      {
        caller: national,
        variables: {
          input: {
            organizationId: union!._id,
            name: '缓存验证',
            residentId: makeResidentId(union!.divisionCode, '1991-03-04', 321),
          },
        },
      },
    );
    expect(registered.errors).toBeUndefined();
    await graph.settled();

    const fresh = await read(union!._id);
    expect(fresh.data?.organization.memberCount).toBe(first.data!.organization.memberCount + 1);
    expect({ ...fresh.data?.organization, memberCount: 0 }).toEqual({
      ...first.data?.organization,
      memberCount: 0,
    });

    // The write dropped only the answers and entities it affects: the other union's card is still
    // a response-cache hit, asking no subgraph and no entity entry.
    const [responseHits, fetched] = [await cacheCount('response', 'hit'), await fetches()];
    expect((await read(other!._id)).data).toEqual(otherFirst.data);
    expect(await cacheCount('response', 'hit')).toBe(responseHits + 1);
    expect(await fetches()).toBe(fetched);
  });
});
