import { once } from 'node:events';
import { type ChangeEvent, createLogger, publishChanges } from '@union-graph/subgraph-kit';
import { CacheStore } from '../cache-store';
import { cacheCipher } from '../caches';
import { createMetrics } from '../metrics';
import { TagIndex } from '../tag-index';
import { cacheCount, callers, data, type Harness, type Org, startHarness } from './fixtures/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

/** The fixture's tree: 全总 › 广东 › 深圳, 全总 › 浙江 › 杭州. */
const PATHS: Record<string, string[]> = {
  gd: ['acftu', 'gd'],
  'gd-sz': ['acftu', 'gd', 'gd-sz'],
  'gd-gz': ['acftu', 'gd', 'gd-gz'],
  zj: ['acftu', 'zj'],
  'zj-hz': ['acftu', 'zj', 'zj-hz'],
};

/** Events as the kit publishes an organization's change: its ancestors affected, its path in `orgs`. */
const orgEvent = (id: string): ChangeEvent => ({
  type: 'Organization',
  id,
  op: 'upsert',
  version: Date.now(),
  affects: PATHS[id]!.slice(0, -1).map((a) => ({ type: 'Organization', id: a })),
  orgs: PATHS[id],
});

async function publish(...events: ChangeEvent[]): Promise<void> {
  await publishChanges(h.redis, h.keyspace, 'orgs', events);
  await h.gateway.caughtUp();
}

async function rename(id: string, name: string): Promise<void> {
  data.orgs.get(id)!.name = name;
  await publish(orgEvent(id));
}

const hits = () => cacheCount(h.gateway, 'response', 'hit');
const CARD = 'query Card($id: ID!) { organization(id: $id) { id name province } }';
const card = (id: string) => h.query(CARD, callers.national(), { id });
const nameOf = (answer: Awaited<ReturnType<typeof card>>) =>
  (answer.data?.organization as { name: string } | null)?.name;

describe('entity-precise invalidation of cached answers', () => {
  it('keeps another organization’s card a response-cache hit, and misses the written one’s with its new name', async () => {
    await card('gd-sz');
    await card('zj-hz');
    const [before, fetched] = [await hits(), data.fetches.orgs!];
    await card('gd-sz');
    await card('zj-hz');
    expect(await hits()).toBe(before + 2);

    await rename('zj-hz', '杭州市总工会（改）');
    expect(nameOf(await card('gd-sz'))).toBe('深圳市总工会');
    expect(await hits()).toBe(before + 3);
    expect(data.fetches.orgs).toBe(fetched);

    expect(nameOf(await card('zj-hz'))).toBe('杭州市总工会（改）');
    expect(await hits()).toBe(before + 3);
    expect(data.fetches.orgs).toBe(fetched + 1);
    await rename('zj-hz', '杭州市总工会');
  });

  it('drops a list over the subtree a new organization joins, and keeps the list of another subtree', async () => {
    const LIST = '{ organizations { id name } }';
    const gd = await h.query(LIST, callers.admin('gd'));
    const zj = await h.query(LIST, callers.admin('zj'));
    const national = await h.query(LIST, callers.national());
    expect(gd.data).toEqual({
      organizations: [
        { id: 'gd', name: '广东省总工会' },
        { id: 'gd-sz', name: '深圳市总工会' },
      ],
    });
    const before = await hits();

    // A new union names no entity any cached list shows: only its subtree reaches those lists.
    const gz: Org = { id: 'gd-gz', name: '广州市总工会', province: 'gd', parentId: 'gd' };
    data.orgs.set(gz.id, gz);
    try {
      await publish({ ...orgEvent('gd-gz'), affects: [] });
      expect((await h.query(LIST, callers.admin('zj'))).data).toEqual(zj.data);
      expect(await hits()).toBe(before + 1);
      expect((await h.query(LIST, callers.admin('gd'))).data).toEqual({
        organizations: [...(gd.data!.organizations as object[]), { id: 'gd-gz', name: '广州市总工会' }],
      });
      const all = (await h.query(LIST, callers.national())).data!.organizations as object[];
      expect(all).toHaveLength((national.data!.organizations as object[]).length + 1);
      expect(await hits()).toBe(before + 1);
    } finally {
      data.orgs.delete(gz.id);
      await publish({ ...orgEvent('gd-gz'), affects: [] });
    }
  });

  it('drops every list drawn on a subgraph for an event that names no union, but no card', async () => {
    const LIST = '{ organizations { id } }';
    await h.query(LIST, callers.admin('zj'));
    await card('zj');
    const before = await hits();
    await publish({ type: 'Motto', id: 'motto', op: 'upsert', version: Date.now() });
    await card('zj');
    expect(await hits()).toBe(before + 1);
    await h.query(LIST, callers.admin('zj'));
    expect(await hits()).toBe(before + 1);
  });

  it('drops an answer showing an entity without its id on any change of that type', async () => {
    const WITH_PARENT = 'query Up($id: ID!) { organization(id: $id) { name parent { name } } }';
    const read = () => h.query(WITH_PARENT, callers.national(), { id: 'gd-sz' });
    await read();
    const before = await hits();
    await read();
    expect(await hits()).toBe(before + 1);
    // 杭州 is neither 深圳 nor its parent, but the answer does not say which union its parent is.
    await rename('zj-hz', '杭州市总工会');
    expect((await read()).data).toEqual({
      organization: { name: '深圳市总工会', parent: { name: '广东省总工会' } },
    });
    expect(await hits()).toBe(before + 1);
  });

  it('does not store an answer computed before a change whose event arrived before the store', async () => {
    const original = data.orgs.get.bind(data.orgs);
    let entered!: () => void;
    const inResolver = new Promise<void>((resolve) => {
      entered = resolve;
    });
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    // The subgraph reads 广东 as it is now, then answers only after the test's write and event.
    data.orgs.get = ((id: string) => {
      const snapshot = { ...original(id)! };
      if (id !== 'gd') return snapshot;
      entered();
      return held.then(() => snapshot) as unknown as Org;
    }) as typeof data.orgs.get;
    try {
      // A different selection, so the answer is not already cached.
      const racing = h.query(
        'query Held($id: ID!) { organization(id: $id) { id name } }',
        callers.national(),
        {
          id: 'gd',
        },
      );
      await inResolver;
      data.orgs.get = original;
      await rename('gd', '广东省总工会（改）');
      release();
      expect((await racing).data).toEqual({ organization: { id: 'gd', name: '广东省总工会' } });

      const again = () =>
        h.query('query Held($id: ID!) { organization(id: $id) { id name } }', callers.national(), {
          id: 'gd',
        });
      const before = await hits();
      expect((await again()).data).toEqual({ organization: { id: 'gd', name: '广东省总工会（改）' } });
      expect(await hits()).toBe(before);
      expect((await again()).data).toEqual({ organization: { id: 'gd', name: '广东省总工会（改）' } });
      expect(await hits()).toBe(before + 1);
    } finally {
      data.orgs.get = original;
      await rename('gd', '广东省总工会');
    }
  });
});

describe('the tag index shared by gateway replicas', () => {
  const keyspace = `tags${process.pid}:`;
  const replica = () =>
    new CacheStore({
      url: process.env.REDIS_URL!,
      keyspace,
      log: createLogger('gateway', 'silent'),
      metrics: createMetrics(),
      cipher: cacheCipher({ hopSecret: 'tag-index-test-secret' }),
    });
  const [a, b] = [replica(), replica()];
  const [indexA, indexB] = [new TagIndex(a), new TagIndex(b)];
  beforeAll(async () => {
    for (const s of [a, b]) if (s.redis.status !== 'ready') await once(s.redis, 'ready');
  });
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });
  const since = async (store: CacheStore) => TagIndex.since(await store.redis.get(indexA.sequenceKey));
  const entry = (key: string, tag = 'x') => ({
    key: a.key(key),
    value: Buffer.from('answer'),
    tags: [a.key('tag', tag)],
  });

  it('refuses a store on one replica when another dropped one of its tags after the lookup', async () => {
    const read = await since(a);
    const dropped = await indexB.drop(b.redis, [a.key('tag', 'x')], []);
    expect(dropped).toEqual({ responses: 0, entities: 0 });
    expect(await indexA.put([entry('stale')], 60, read)).toBe(0);
    expect(await a.redis.exists(a.key('stale'))).toBe(0);

    // Looked up after the drop: stored, indexed, and dropped with its tag by the other replica.
    expect(await indexA.put([entry('fresh')], 60, await since(a))).toBe(1);
    expect(await a.redis.ttl(a.key('tag', 'x'))).toBeGreaterThanOrEqual(59);
    expect(await indexB.drop(b.redis, [a.key('tag', 'x')], [])).toEqual({ responses: 1, entities: 0 });
    expect(await a.redis.exists(a.key('fresh'))).toBe(0);
  });

  it('refuses a store that never looked up while any of its tags was dropped recently', async () => {
    await indexB.drop(b.redis, [], [a.key('tag', 'y')]);
    const [fresh, stale] = [entry('other', 'z'), entry('recent', 'y')];
    expect(await indexA.put([fresh, stale], 60, 0)).toBe(1);
    expect(await a.redis.exists(fresh.key, stale.key)).toBe(1);
  });
});
