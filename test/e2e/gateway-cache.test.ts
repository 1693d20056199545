import { publishChanges } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

async function cacheCount(layer: string, result: 'hit' | 'miss'): Promise<number> {
  const metric = await graph.gateway.metrics.cache.get();
  return metric.values.find((v) => v.labels.layer === layer && v.labels.result === result)?.value ?? 0;
}

type OrgModel = {
  updateOne(filter: object, update: object): Promise<unknown>;
};

/** A write the way a subgraph makes one: the document, then its change event. */
async function rename(id: string, name: string): Promise<void> {
  const orgs = graph.subgraphs.organizations!;
  await (orgs.server.models as { Organization: OrgModel }).Organization.updateOne(
    { _id: id },
    { $set: { name } },
  );
  await publishChanges(orgs.server.redis, orgs.server.keyspace, 'organizations', [
    { type: 'Organization', id, op: 'upsert', version: Date.now() },
  ]);
  await graph.gateway.caughtUp();
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
