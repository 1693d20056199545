import { callers, data, startFixtureSubgraph, startHarness } from './fixtures/harness';

describe('subgraph transport', () => {
  it("ends a subgraph fetch at the request's deadline when it comes before the subgraph timeout", async () => {
    const h = await startHarness({ requestTimeoutMs: 300, subgraphTimeoutMs: 10_000 });
    data.slowMs = 3_000;
    try {
      const started = Date.now();
      const r = await h.query('{ motto slow }', callers.national());
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(r.data).toEqual({ motto: '职工之家', slow: null });
      expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_TIMEOUT']);
    } finally {
      data.slowMs = 0;
      await h.stop();
    }
  });

  it('answers over fresh connections once a subgraph restarts under its pooled ones', async () => {
    const h = await startHarness();
    try {
      const ask = () => h.query('{ person(id: "p1") { name organization { name } } }', callers.national());
      const expected = { data: { person: { name: '张三', organization: { name: '深圳市总工会' } } } };
      expect(await Promise.all(Array.from({ length: 20 }, ask))).toEqual(Array(20).fill(expected));
      const port = new URL(h.subgraphs.people!.url).port;
      await h.subgraphs.people!.stop();
      const down = await ask();
      expect(down.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
      h.subgraphs.people = await startFixtureSubgraph(
        'people',
        process.env.UNION_GRAPH_HOP_SECRET!,
        Number(port),
      );
      expect(await ask()).toEqual(expected);
    } finally {
      await h.stop();
    }
  });
});
