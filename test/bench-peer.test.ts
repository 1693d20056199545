import {
  checkSameAnswers,
  distinctBodies,
  formatPeerReport,
  PEER_GATEWAYS,
  type PeerFigures,
  type PeerGateway,
  type PeerResult,
  PRESETS,
  peerTargets,
  sameQueryBodies,
  startPeers,
} from '@union-graph/bench';

/**
 * The peer scenario's machinery (`npm run bench -- --scenario peer`): the four subgraphs compose,
 * and every gateway compared answers the same JSON, so the figures compare the same work.
 */
describe('the peer scenario', () => {
  let peers: Awaited<ReturnType<typeof startPeers>>;

  beforeAll(async () => {
    peers = await startPeers();
  }, 180_000);

  afterAll(() => peers?.stop());

  const ask = async (g: PeerGateway, payload: string) => {
    const res = await fetch(g.server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...g.headers },
      body: payload,
    });
    return (await res.json()) as {
      data: { users: { id: string; reviews: unknown[] }[]; topProducts: { upc: string }[] };
    };
  };

  it('serves every gateway over the composed supergraph, each answering the same JSON', async () => {
    expect(peers.gateways.map((g) => g.name)).toEqual([...PEER_GATEWAYS]);
    const [, second] = distinctBodies(2);
    const bytes = await checkSameAnswers(peers.gateways, [sameQueryBodies()[0]!, second!]);
    // The reference benchmark's answer is about 87 KB.
    expect(bytes).toBeGreaterThan(80_000);
    expect(bytes).toBeLessThan(95_000);
  }, 60_000);

  it('answers the heavy nested query in full, and distinct variables start the lists elsewhere', async () => {
    const ours = peers.gateways[0]!;
    const same = await ask(ours, sameQueryBodies()[0]!);
    expect(same.data.users.map((u) => u.id)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
    expect(same.data.topProducts.map((p) => p.upc)).toEqual(['1', '2', '3', '4', '5']);
    for (const u of same.data.users) expect(u.reviews).toHaveLength(2);
    const [, , third] = distinctBodies(3);
    const moved = await ask(ours, third!);
    expect(moved.data.users[0]!.id).toBe('3');
    expect(moved.data.users).toHaveLength(8);
    expect(moved.data.topProducts.map((p) => p.upc)).toEqual(['3', '4', '5', '6', '7']);
  }, 60_000);
});

describe('the peer targets', () => {
  const figures = (rps: number, cpuMsPerRequest: number): PeerFigures => ({
    requests: rps * 10,
    seconds: 10,
    rps,
    p50: 1,
    p95: 2,
    p99: 3,
    failures: 0,
    cpuMsPerRequest,
  });
  const result = (p: { hive: number; apollo: number; cpuOn: number }): Omit<PeerResult, 'targets'> => {
    const gateways = (ours: number, apollo: number, hive: number, cpuOn: number) => ({
      ours: figures(ours, cpuOn),
      oursUncached: figures(ours, 10),
      apollo: figures(apollo, 20),
      hive: figures(hive, 5),
      hiveNoDedup: figures(hive, 15),
    });
    return {
      settings: { ...PRESETS.tiny!, scale: 'tiny' },
      startedAt: new Date(0).toISOString(),
      seconds: 1,
      connections: 4,
      answerBytes: 87_000,
      workloads: {
        sameQuery: gateways(100, 10, p.hive, 10),
        distinctVariables: gateways(30, p.apollo, 30, p.cpuOn),
      },
      memory: Object.fromEntries(
        PEER_GATEWAYS.map((g) => [g, { restMiB: 100, peakMiB: 200 }]),
      ) as PeerResult['memory'],
    };
  };
  const holds = (r: Omit<PeerResult, 'targets'>) => peerTargets(r).map((t) => t.holds);

  it('hold exactly at their bounds: ours = Hive, 1.5 × Apollo, +3 % CPU', () => {
    expect(holds(result({ hive: 100, apollo: 20, cpuOn: 10.3 }))).toEqual([true, true, true]);
  });

  it('miss just past them', () => {
    expect(holds(result({ hive: 101, apollo: 20.5, cpuOn: 10.31 }))).toEqual([false, false, false]);
  });

  it('are printed with the tables of both workloads', () => {
    const r = result({ hive: 100, apollo: 20, cpuOn: 10 });
    const text = formatPeerReport({ ...r, targets: peerTargets(r) }, 'en');
    for (const line of [
      'Peers — ',
      'every request the same query',
      'every request distinct variables',
      'Hive Gateway, dedup off',
      'p95 ms',
      'CPU ms/req',
    ])
      expect(text).toContain(line);
    expect(formatPeerReport({ ...r, targets: peerTargets(r) }, 'zh')).toContain('每个请求不同变量');
  });
});
