import { createHash } from 'node:crypto';
import { publishChanges } from '@union-graph/subgraph-kit';
import { cacheCount, callers, data, type Harness, startHarness } from './fixtures/harness';

let h: Harness;
const metricsToken = 'cache-test-scrape-token';
beforeAll(async () => {
  h = await startHarness({ metricsToken });
});
afterAll(() => h?.stop());

async function rename(id: string, name: string): Promise<void> {
  data.orgs.get(id)!.name = name;
  await publishChanges(h.redis, h.keyspace, 'orgs', [
    { type: 'Organization', id, op: 'upsert', version: Date.now() },
  ]);
  await h.gateway.caughtUp();
}

const ORG = 'query Org($id: ID!) { organization(id: $id) { name } }';

describe('response cache', () => {
  it('misses, then hits without calling the subgraph, then shows a write on the next read', async () => {
    const before = { ...data.fetches };
    const misses = await cacheCount(h.gateway, 'response', 'miss');
    const first = await h.query(ORG, callers.national(), { id: 'gd' });
    expect(first.data).toEqual({ organization: { name: '广东省总工会' } });
    expect(await cacheCount(h.gateway, 'response', 'miss')).toBeGreaterThan(misses);
    const hits = await cacheCount(h.gateway, 'response', 'hit');
    expect(await h.query(ORG, callers.national(), { id: 'gd' })).toEqual(first);
    expect(await cacheCount(h.gateway, 'response', 'hit')).toBe(hits + 1);
    expect(data.fetches.orgs).toBe(before.orgs! + 1);

    await rename('gd', '广东省总工会（新）');
    expect((await h.query(ORG, callers.national(), { id: 'gd' })).data).toEqual({
      organization: { name: '广东省总工会（新）' },
    });
    await rename('gd', '广东省总工会');
  });

  it('never serves one province admin what another province admin was answered', async () => {
    const list = '{ organizations { id } }';
    const gd = await h.query(list, callers.admin('gd'));
    const zj = await h.query(list, callers.admin('zj'));
    const gdAgain = await h.query(list, callers.admin('gd'));
    expect(gd.data).toEqual({ organizations: [{ id: 'gd' }, { id: 'gd-sz' }] });
    expect(zj.data).toEqual({ organizations: [{ id: 'zj' }, { id: 'zj-hz' }] });
    expect(gdAgain).toEqual(gd);
  });

  it('shares PUBLIC answers across callers', async () => {
    await h.query('{ motto }', callers.admin('gd'));
    const hits = await cacheCount(h.gateway, 'response', 'hit');
    expect((await h.query('{ motto }', callers.admin('zj'))).data).toEqual({ motto: '职工之家' });
    expect(await cacheCount(h.gateway, 'response', 'hit')).toBe(hits + 1);
  });
});

describe('entity cache', () => {
  const PERSON = 'query P($id: ID!) { person(id: $id) { name organization { name } } }';

  it('caches _entities per entity, so another query needing the same organization skips the subgraph', async () => {
    const misses = await cacheCount(h.gateway, 'entity', 'miss');
    const p1 = await h.query(PERSON, callers.national(), { id: 'p1' });
    expect(p1.data).toEqual({ person: { name: '张三', organization: { name: '深圳市总工会' } } });
    expect(await cacheCount(h.gateway, 'entity', 'miss')).toBe(misses + 1);
    const orgFetches = data.fetches.orgs!;
    const hits = await cacheCount(h.gateway, 'entity', 'hit');
    // p2 belongs to the same organization: a different response, the same entity.
    const p2 = await h.query(PERSON, callers.national(), { id: 'p2' });
    expect(p2.data).toEqual({ person: { name: '李四', organization: { name: '深圳市总工会' } } });
    expect(await cacheCount(h.gateway, 'entity', 'hit')).toBe(hits + 1);
    expect(data.fetches.orgs).toBe(orgFetches);
  });

  it('keys entities by scope: an admin of another province does not get the cached organization', async () => {
    const other = await h.query(PERSON, callers.admin('zj'), { id: 'p2' });
    expect(other.data).toEqual({ person: null });
  });

  it('drops the entity when its change event arrives, so the next read is fresh', async () => {
    await h.query(PERSON, callers.national(), { id: 'p1' });
    await rename('gd-sz', '深圳市总工会（新）');
    const fresh = await h.query(PERSON, callers.national(), { id: 'p2' });
    expect(fresh.data).toEqual({ person: { name: '李四', organization: { name: '深圳市总工会（新）' } } });
    await rename('gd-sz', '深圳市总工会');
  });
});

describe('automatic persisted queries', () => {
  const query = '{ motto }';
  const sha256Hash = createHash('sha256').update(query).digest('hex');
  const persisted = { persistedQuery: { version: 1, sha256Hash } };

  it('asks for an unknown hash, registers it, then runs it by hash alone from Redis', async () => {
    const unknown = await h.post({ extensions: persisted }, { caller: callers.analyst() });
    expect(unknown.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(await cacheCount(h.gateway, 'apq', 'miss')).toBeGreaterThan(0);
    await h.post({ query, extensions: persisted }, { caller: callers.analyst() });
    const keys = await h.redis.keys(`${h.keyspace}gw:apq:*`);
    expect(keys.length).toBe(1);
    const hits = await cacheCount(h.gateway, 'apq', 'hit');
    const byHash = await h.post({ extensions: persisted }, { caller: callers.analyst() });
    expect(byHash.body.data).toEqual({ motto: '职工之家' });
    expect(await cacheCount(h.gateway, 'apq', 'hit')).toBe(hits + 1);
  });

  it('refuses a query whose hash does not match', async () => {
    const res = await h.post(
      { query: '{ __typename }', extensions: persisted },
      { caller: callers.analyst() },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_HASH_MISMATCH');
  });
});

describe('metrics', () => {
  it('exposes requests, cache results per layer and subgraph latency', async () => {
    const text = await (
      await fetch(h.url.replace('/graphql', '/metrics'), {
        headers: { authorization: `Bearer ${metricsToken}` },
      })
    ).text();
    expect(text).toMatch(/gateway_cache_total\{layer="response",result="hit"\} \d+/);
    expect(text).toMatch(/gateway_cache_total\{layer="entity",result="hit"\} \d+/);
    expect(text).toMatch(/gateway_cache_total\{layer="apq",result="hit"\} \d+/);
    expect(text).toMatch(/gateway_requests_total\{operation="P",client="none"\} \d+/);
    expect(text).toMatch(/gateway_subgraph_fetch_duration_seconds_count\{subgraph="orgs",outcome="ok"\} \d+/);
    expect(text).toMatch(/gateway_redis_up 1/);
  });
});
