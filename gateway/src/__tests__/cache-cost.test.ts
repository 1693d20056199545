import { once } from 'node:events';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { createLogger } from '@union-graph/subgraph-kit';
import { Redis } from 'ioredis';
import { CacheStore } from '../cache-store';
import { cacheCipher } from '../caches';
import { EntityCache } from '../entity-cache';
import { createMetrics } from '../metrics';
import { TagIndex } from '../tag-index';
import { cacheCount, callers, type Harness, startHarness } from './fixtures/harness';

/**
 * Every command Redis runs, as MONITOR reports it. `during` runs an action, then waits for a
 * marker sent after it: Redis reports commands in the order it ran them, so everything the action
 * awaited has been seen by then.
 */
async function monitorRedis(url: string) {
  const client = new Redis(url);
  const monitor = await client.monitor();
  const seen: string[][] = [];
  monitor.on('monitor', (_time: string, args: string[]) => seen.push(args));
  const marker = new Redis(url);
  let markers = 0;
  return {
    async during(action: () => Promise<unknown>, prefix: string): Promise<string[][]> {
      const from = seen.length;
      await action();
      const mark = `cache-cost-marker-${++markers}-${prefix}`;
      const arrived = new Promise<void>((resolve) => {
        const check = (_time: string, args: string[]) => {
          if (args[1] !== mark) return;
          monitor.off('monitor', check);
          resolve();
        };
        monitor.on('monitor', check);
      });
      await marker.echo(mark);
      await arrived;
      return seen.slice(from).filter((args) => args.slice(1).some((a) => a.startsWith(prefix)));
    },
    stop() {
      monitor.disconnect();
      client.disconnect();
      marker.disconnect();
    },
  };
}

const redisUrl = () => process.env.REDIS_URL!;

describe('response cache: no work for an operation that cannot be cached', () => {
  let h: Harness;
  let monitor: Awaited<ReturnType<typeof monitorRedis>>;
  beforeAll(async () => {
    h = await startHarness();
    monitor = await monitorRedis(redisUrl());
  });
  afterAll(async () => {
    monitor?.stop();
    await h?.stop();
  });

  it('looks an uncacheable query up once, then sends Redis nothing for it', async () => {
    const prefix = `${h.keyspace}gw:response`;
    const slow = () => h.query('{ slow }', callers.national());
    // The first execution is what shows the plan uncacheable (Query.slow has maxAge 0).
    const first = await monitor.during(slow, prefix);
    expect(first.map((args) => args[0]!.toLowerCase())).toEqual(['get', 'get']);
    const misses = await cacheCount(h.gateway, 'response', 'miss');
    for (let i = 0; i < 3; i++) {
      let answer: unknown;
      expect(await monitor.during(async () => (answer = await slow()), prefix)).toEqual([]);
      expect(answer).toEqual({ data: { slow: 'done' } });
    }
    expect(await cacheCount(h.gateway, 'response', 'miss')).toBe(misses);
  });

  it('keeps looking up and hitting a cacheable query', async () => {
    const prefix = `${h.keyspace}gw:response:`;
    const motto = () => h.query('{ motto }', callers.admin('gd'));
    await motto();
    const hits = await cacheCount(h.gateway, 'response', 'hit');
    const again = await monitor.during(motto, prefix);
    // PUBLIC answer: the private entry is looked up first, then the shared one hits.
    expect(again.filter(([name]) => /^(get|mget)$/i.test(name!))).toHaveLength(2);
    expect(await cacheCount(h.gateway, 'response', 'hit')).toBe(hits + 1);
  });

  it('looks up all representations of one _entities fetch in a single MGET', async () => {
    const prefix = `${h.keyspace}gw:entity:`;
    // Three people, hence one _entities fetch of three representations of organizations.
    const everyone = '{ people { organization { name } } }';
    let answer: unknown;
    const commands = await monitor.during(async () => {
      answer = await h.query(everyone, callers.national());
    }, prefix);
    expect(answer).toEqual({
      data: {
        people: [
          { organization: { name: '深圳市总工会' } },
          { organization: { name: '深圳市总工会' } },
          { organization: { name: '杭州市总工会' } },
        ],
      },
    });
    const reads = commands.filter(([name]) => /^(get|mget)$/i.test(name!));
    expect(reads).toHaveLength(1);
    expect(reads[0]![0]!.toLowerCase()).toBe('mget');
    // The three entries, and the invalidation sequence a store compares with (tag-index.ts).
    expect(reads[0]!.slice(1)).toHaveLength(4);
    expect(reads[0]!.at(-1)).toBe(`${h.keyspace}gw:tags-dropped-seq`);
  });
});

describe('entity cache: no lookup for a fetch whose entities carry no hint', () => {
  const metrics = createMetrics();
  const keyspace = `cost${process.pid}:`;
  const store = new CacheStore({
    url: redisUrl(),
    keyspace,
    log: createLogger('gateway', 'silent'),
    metrics,
    cipher: cacheCipher({ hopSecret: 'cache-cost-test-secret' }),
  });
  const cache = new EntityCache(store, metrics, new TagIndex(store));
  let monitor: Awaited<ReturnType<typeof monitorRedis>>;
  beforeAll(async () => {
    if (store.redis.status !== 'ready') await once(store.redis, 'ready');
    monitor = await monitorRedis(redisUrl());
  });
  afterAll(async () => {
    monitor?.stop();
    await store.stop();
  });

  const reps = [
    { __typename: 'Organization', id: 'gd' },
    { __typename: 'Organization', id: 'zj' },
    { __typename: 'Organization', id: 'acftu' },
  ];
  const query =
    'query($representations:[_Any!]!){_entities(representations:$representations){...on Organization{name}}}';
  let cacheControl: string | undefined;
  const sent: number[] = [];
  const fetchAll = () =>
    cache.fetch({
      subgraph: 'orgs',
      query,
      caller: callers.national(),
      representations: reps,
      send: async (asked): Promise<GatewayGraphQLResponse> => {
        sent.push(asked.length);
        const headers = new Map(cacheControl ? [['cache-control', cacheControl]] : []);
        return {
          data: { _entities: asked.map((r) => ({ name: r.id })) },
          http: { headers: { get: (k: string) => headers.get(k) ?? null } } as never,
        };
      },
      restrict: () => undefined,
    });
  const prefix = `${keyspace}gw:entity`;
  const skips = async () =>
    (await metrics.cache.get()).values.find((v) => v.labels.layer === 'entity' && v.labels.result === 'skip')
      ?.value ?? 0;

  it('looks up once, then skips Redis while the subgraph sends no hint', async () => {
    const first = await monitor.during(fetchAll, prefix);
    expect(first.map(([name]) => name!.toLowerCase())).toEqual(['mget']);
    const skipped = await skips();
    for (let i = 0; i < 2; i++) {
      let answer: GatewayGraphQLResponse | undefined;
      expect(await monitor.during(async () => (answer = await fetchAll()), prefix)).toEqual([]);
      expect(answer?.data).toEqual({ _entities: [{ name: 'gd' }, { name: 'zj' }, { name: 'acftu' }] });
    }
    expect(sent).toEqual([3, 3, 3]);
    expect(await skips()).toBe(skipped + 6);
  });

  it('stores, and looks up again, once the subgraph answers with a hint', async () => {
    cacheControl = 'max-age=60, private';
    // Not looked up (the last answer had no hint), but this answer has one: it is stored.
    const stored = await monitor.during(fetchAll, prefix);
    // The store's own check of the entities' drop markers (tag-index.ts) runs inside Redis.
    const lookups = stored.filter(([name, key]) => /^(get|mget)$/i.test(name!) && !key!.endsWith('|dropped'));
    expect(lookups).toEqual([]);
    expect(stored.filter(([name]) => /^set$/i.test(name!))).toHaveLength(3);
    const hit = await monitor.during(fetchAll, prefix);
    expect(hit.map(([name]) => name!.toLowerCase())).toEqual(['mget']);
    expect(sent).toEqual([3, 3, 3, 3]);
  });
});
