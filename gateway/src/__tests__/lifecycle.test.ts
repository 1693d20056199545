import { once } from 'node:events';
import { mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRedis } from '@union-graph/dev-stack';
import { createLogger } from '@union-graph/subgraph-kit';
import { createGateway } from '../server';
import { callers, composeFixture, data, type Harness, PEOPLE_SDL, startHarness } from './fixtures/harness';

describe('supergraph hot reload', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gw-supergraph-'));
  const file = join(dir, 'supergraph.graphql');
  let h: Harness;
  let urls: Record<string, string>;
  const withoutSlow = PEOPLE_SDL.replace(/\n\s*slow: String[^\n]*/, '');
  beforeAll(async () => {
    // The harness composes from fixed URLs; start once to learn them, then serve from a file.
    const probe = await startHarness();
    urls = { orgs: probe.subgraphs.orgs!.url, people: probe.subgraphs.people!.url };
    await probe.gateway.stop();
    // Start without `slow`; the swap adds it.
    writeFileSync(file, composeFixture(urls, withoutSlow));
    h = { ...probe };
    h.gateway = await createGateway({
      supergraphFile: file,
      hopSecret: process.env.UNION_GRAPH_HOP_SECRET!,
      jwtSecret: process.env.UNION_GRAPH_JWT_SECRET!,
      logger: createLogger('gateway', 'silent'),
    });
    h.url = await h.gateway.listen(0);
  });
  afterAll(async () => {
    await h?.gateway.stop();
    await Promise.all(Object.values(h?.subgraphs ?? {}).map((s) => s.stop()));
    h?.redis.disconnect();
  });

  const replace = (sdl: string) => {
    writeFileSync(`${file}.tmp`, sdl);
    renameSync(`${file}.tmp`, file);
  };

  it('swaps to a new supergraph under load with zero failed requests, and rejects an invalid one', async () => {
    const token = await h.token(callers.national());
    const ask = async (query: string) => {
      const res = await fetch(h.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query }),
      });
      return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: unknown[] } };
    };
    let running = true;
    const results: { status: number; body: { errors?: unknown[] } }[] = [];
    const load = Array.from({ length: 8 }, async () => {
      while (running) results.push(await ask('{ person(id: "p1") { name organization { name } } }'));
    });

    expect((await ask('{ slow }')).body.errors).toHaveLength(1);
    const applied = once(h.gateway.supergraph, 'applied');
    replace(composeFixture(urls));
    await applied;
    expect((await ask('{ slow }')).body).toEqual({ data: { slow: 'done' } });

    const rejected = once(h.gateway.supergraph, 'rejected');
    replace('this is not a supergraph');
    await rejected;
    expect((await ask('{ slow }')).body).toEqual({ data: { slow: 'done' } });

    running = false;
    await Promise.all(load);
    expect(results.length).toBeGreaterThan(20);
    expect(results.filter((r) => r.status !== 200 || r.body.errors)).toEqual([]);
  });
});

describe('failures mid-run', () => {
  it('answers uncached while Redis is down, and says so in readiness and metrics', async () => {
    const redis = await startRedis();
    const metricsToken = 'scrape-token-for-this-test';
    const h = await startHarness({ redisUrl: redis.url, redisCommandTimeoutMs: 100, metricsToken });
    try {
      const q = '{ organization(id: "zj") { name } }';
      expect((await h.query(q, callers.national())).data).toEqual({ organization: { name: '浙江省总工会' } });
      await redis.proc.stop();
      for (let i = 0; i < 5; i++) {
        const r = await h.query(q, callers.national());
        expect(r).toEqual({ data: { organization: { name: '浙江省总工会' } } });
      }
      const ready = await (await fetch(h.url.replace('/graphql', '/readyz'))).json();
      expect(ready).toMatchObject({ status: 'degraded', redis: 'down' });
      const metrics = await (
        await fetch(h.url.replace('/graphql', '/metrics'), {
          headers: { authorization: `Bearer ${metricsToken}` },
        })
      ).text();
      expect(metrics).toMatch(/gateway_redis_up 0/);
    } finally {
      await h.stop();
      await redis.proc.stop();
    }
  });

  it('returns partial data with errors when a subgraph stops', async () => {
    const h = await startHarness();
    try {
      const q = '{ motto person(id: "p3") { name } }';
      expect((await h.query(q, callers.national())).data).toEqual({
        motto: '职工之家',
        person: { name: '王五' },
      });
      await h.subgraphs.people!.stop();
      // Another scope, so the answer cannot come from the response cache.
      const r = await h.query(q, callers.admin('zj'));
      expect(r.data).toEqual({ motto: '职工之家', person: null });
      expect(r.errors).toEqual([
        expect.objectContaining({
          message: '子图 people 暂不可用',
          extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'people' }),
        }),
      ]);
      const ready = await fetch(h.url.replace('/graphql', '/readyz'));
      expect(ready.status).toBe(503);
    } finally {
      await h.gateway.stop();
      await h.subgraphs.orgs!.stop();
      h.redis.disconnect();
    }
  });

  it('fails a slow subgraph at its timeout, not the whole request', async () => {
    const h = await startHarness({ subgraphTimeoutMs: 200 });
    data.slowMs = 1000;
    try {
      const r = await h.query('{ motto slow }', callers.national());
      expect(r.data).toEqual({ motto: '职工之家', slow: null });
      expect(r.errors?.map((e) => e.extensions)).toEqual([
        {
          code: 'SUBGRAPH_TIMEOUT',
          serviceName: 'people',
          messageKey: 'gateway.subgraphTimeout',
          messageParams: { subgraph: 'people' },
        },
      ]);
    } finally {
      data.slowMs = 0;
      await h.stop();
    }
  });
});
