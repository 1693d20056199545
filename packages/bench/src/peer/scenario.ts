import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { isDeepStrictEqual } from 'node:util';
import { type Caller, mintToken } from '@union-graph/auth';
import { startRedis } from '@union-graph/dev-stack';
import { composeSupergraph } from '@union-graph/supergraph';
import { type LoadResult, ratio, type Target } from '../load';
import type { GatewayConfig } from '../protocol';
import type { TargetCheck } from '../run';
import { alternate, type BenchSettings, steady } from '../scenarios/context';
import type { MemoryFigures } from '../scenarios/memory';
import { type BenchServer, startChild } from '../stack';
import { peerText } from './messages';
import { distinctBodies, sameQueryBodies } from './queries';
import { PEER_SDL, PEER_SUBGRAPHS, type PeerSubgraphName } from './subgraphs';

/** The gateways compared, in the report's order; the keys name them in the JSON and the catalog. */
export const PEER_GATEWAYS = ['ours', 'oursUncached', 'apollo', 'hive', 'hiveNoDedup'] as const;
export type PeerGatewayName = (typeof PEER_GATEWAYS)[number];
export const PEER_WORKLOADS = ['sameQuery', 'distinctVariables'] as const;
export type PeerWorkload = (typeof PEER_WORKLOADS)[number];

export interface PeerFigures extends LoadResult {
  /** The gateway process's CPU time (user and system) over the measured runs, per request answered. */
  cpuMsPerRequest: number | null;
}

export interface PeerResult {
  settings: BenchSettings;
  startedAt: string;
  seconds: number;
  connections: number;
  /** Size of the same-query answer, as our gateway sends it. */
  answerBytes: number;
  workloads: Record<PeerWorkload, Record<PeerGatewayName, PeerFigures>>;
  /** Per gateway process: after start-up, and the kernel's high-water mark after every run. */
  memory: Record<PeerGatewayName, MemoryFigures>;
  targets: TargetCheck[];
}

/** The reference runs 50 virtual users; the tiny scale (CI) keeps its own few. */
const PEER_CONNECTIONS = 50;
/** Distinct bodies of the distinct-variables workload: more than any gateway answers in one run here. */
const DISTINCT_BODIES = 10_000;
const MiB = 1024 * 1024;

const CALLER: Caller = { id: 'bench-peer', roles: ['ANALYST'], orgId: null, client: 'bench' };

export interface PeerGateway {
  name: PeerGatewayName;
  server: BenchServer;
  headers: Record<string, string>;
}

/** The servers of one peer run, each a child process; `stop` ends them and the Redis started here. */
export async function startPeers(): Promise<{ gateways: PeerGateway[]; stop(): Promise<void> }> {
  const children: ChildProcess[] = [];
  const redis = process.env.REDIS_URL ? undefined : await startRedis();
  // A child leaves when its IPC channel closes (child.ts); Hive Gateway's own SIGTERM handler
  // disposes of the gateway but keeps the process, so a signal is only the last resort.
  const stop = async () => {
    await Promise.all(
      children
        .filter((c) => c.exitCode === null && c.signalCode === null)
        .map((c) => {
          const exited = once(c, 'exit');
          const killer = setTimeout(() => c.kill('SIGKILL'), 5_000);
          c.disconnect();
          return exited.finally(() => clearTimeout(killer));
        }),
    );
    await redis?.proc.stop();
  };
  const start = async (name: string, config: Parameters<typeof startChild>[1]) => {
    const server = await startChild(name, config);
    children.push(server.child);
    return server;
  };
  try {
    const subgraphs = await start('peer-subgraphs', { kind: 'peer-subgraphs' });
    const supergraphSdl = composeSupergraph(
      PEER_SUBGRAPHS.map((name) => ({ name, url: `${subgraphs.url}${name}`, package: '' })),
      (entry) => PEER_SDL[entry.name as PeerSubgraphName],
    );
    const jwtSecret = randomBytes(32).toString('hex');
    const config: GatewayConfig = {
      supergraphSdl,
      hopSecret: randomBytes(32).toString('hex'),
      jwtSecret,
      subgraphUrls: {},
      redisUrl: redis?.url ?? process.env.REDIS_URL,
      keyspace: `benchpeer${randomBytes(3).toString('hex')}:`,
      caller: CALLER,
      // The foreign query nests eight deep through lists our cost estimate takes as ten long.
      limits: { maxDepth: 20, maxCost: 100_000_000 },
    };
    const { redisUrl: _, ...uncached } = config;
    const [ours, oursUncached, apollo, hive, hiveNoDedup] = await Promise.all([
      start('peer-ours', { kind: 'gateway', gateway: config }),
      start('peer-ours-uncached', { kind: 'gateway', gateway: uncached }),
      start('peer-apollo', { kind: 'plain-gateway', gateway: config }),
      start('peer-hive', { kind: 'hive-gateway', supergraphSdl, dedup: true }),
      start('peer-hive-no-dedup', { kind: 'hive-gateway', supergraphSdl, dedup: false }),
    ]);
    const token = await mintToken({
      subject: CALLER.id,
      claims: { roles: CALLER.roles, org: null, client: CALLER.client },
      secret: jwtSecret,
    });
    const signed = { authorization: `Bearer ${token}` };
    const servers = { ours, oursUncached, apollo, hive, hiveNoDedup };
    return {
      gateways: PEER_GATEWAYS.map((name) => ({
        name,
        server: servers[name],
        headers: name === 'ours' || name === 'oursUncached' ? signed : {},
      })),
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** One answer through `g`: its text, for the sizes, and its JSON. */
async function ask(g: PeerGateway, payload: string): Promise<{ text: string; data: unknown }> {
  const res = await fetch(g.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...g.headers },
    body: payload,
  });
  const text = await res.text();
  const answer = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (!res.ok || answer.errors?.length || !answer.data)
    throw new Error(`${g.name} did not answer the peer query: ${res.status} ${text.slice(0, 500)}`);
  return { text, data: answer.data };
}

/**
 * Every gateway answers the same JSON to both workloads' queries, so the figures compare the same
 * work; returns the same-query answer's size through ours.
 */
export async function checkSameAnswers(gateways: PeerGateway[], bodies: string[]): Promise<number> {
  let bytes = 0;
  for (const payload of bodies) {
    const answers = await Promise.all(gateways.map((g) => ask(g, payload)));
    const reference = answers[0]!;
    answers.forEach((a, i) => {
      if (!isDeepStrictEqual(a.data, reference.data))
        throw new Error(`${gateways[i]!.name} answers the peer query differently from ${gateways[0]!.name}`);
    });
    bytes ||= Buffer.byteLength(reference.text);
  }
  return bytes;
}

/**
 * Scenario 8: four small subgraphs in the shape of The Guild's federation benchmark, served in one
 * run by our gateway (Redis caches on, and off), plain @apollo/gateway and Hive Gateway (in-flight
 * deduplication on, and off), every gateway once per round in rotated order, on two workloads:
 * every request the same query, and every request distinct variables.
 */
export async function peerScenario(settings: BenchSettings, { quiet = false } = {}): Promise<PeerResult> {
  const started = Date.now();
  const step = (name: string) =>
    quiet || console.error(`${((Date.now() - started) / 1000).toFixed(0)} s: peers: ${name}…`);
  const connections = settings.scale === 'tiny' ? settings.connections : PEER_CONNECTIONS;
  step('starting the subgraphs and gateways');
  const peers = await startPeers();
  try {
    step('checking every gateway answers alike');
    const { gateways } = peers;
    const rest = await Promise.all(gateways.map((g) => g.server.stats()));
    const workloadBodies: Record<PeerWorkload, string[]> = {
      sameQuery: sameQueryBodies(),
      distinctVariables: distinctBodies(settings.requests ?? DISTINCT_BODIES),
    };
    const answerBytes = await checkSameAnswers(gateways, [
      workloadBodies.sameQuery[0]!,
      workloadBodies.distinctVariables.at(-1)!,
    ]);
    const load = (g: PeerGateway, bodies: string[], seconds: number) => {
      const target: Target = { url: g.server.url, bodies, headers: () => g.headers };
      return steady({ settings: { ...settings, connections, duration: seconds } }, target)();
    };
    step('warming up');
    // JIT, the query plans and the subgraphs' kept answers settle before anything is measured.
    for (const g of gateways)
      for (const bodies of Object.values(workloadBodies))
        await load(g, bodies, Math.max(0.5, settings.duration / 2));
    const workloads = {} as PeerResult['workloads'];
    for (const workload of PEER_WORKLOADS) {
      step(workload);
      const cpuMs = new Map<string, number>();
      const runs = await alternate(
        gateways.map((g) => ({
          name: g.name,
          run: async () => {
            const before = await g.server.stats();
            const result = await load(g, workloadBodies[workload], settings.duration);
            const after = await g.server.stats();
            cpuMs.set(g.name, (cpuMs.get(g.name) ?? 0) + after.cpuMs - before.cpuMs);
            return result;
          },
        })),
        settings.rounds,
      );
      workloads[workload] = Object.fromEntries(
        gateways.map((g) => {
          const r = runs[g.name]!;
          return [g.name, { ...r, cpuMsPerRequest: ratio(cpuMs.get(g.name) ?? 0, r.requests) }];
        }),
      ) as Record<PeerGatewayName, PeerFigures>;
    }
    const peak = await Promise.all(gateways.map((g) => g.server.stats()));
    const memory = Object.fromEntries(
      gateways.map((g, i) => [g.name, { restMiB: rest[i]!.rss / MiB, peakMiB: peak[i]!.peakRss / MiB }]),
    ) as PeerResult['memory'];
    const result = {
      settings,
      startedAt: new Date(started).toISOString(),
      seconds: (Date.now() - started) / 1000,
      connections,
      answerBytes,
      workloads,
      memory,
    };
    return { ...result, targets: peerTargets(result) };
  } finally {
    await peers.stop();
  }
}

const times = (n: number | null) => `${n === null ? '–' : n.toFixed(2)}×`;

export function peerTargets(r: Omit<PeerResult, 'targets'>): TargetCheck[] {
  const same = r.workloads.sameQuery;
  const distinct = r.workloads.distinctVariables;
  const overHive = ratio(same.ours.rps, same.hive.rps);
  const overApollo = ratio(distinct.ours.rps, distinct.apollo.rps);
  const [on, off] = [distinct.ours.cpuMsPerRequest, distinct.oursUncached.cpuMsPerRequest];
  const cost = on !== null && off !== null && off > 0 ? on / off - 1 : null;
  return [
    {
      name: peerText('targetHive'),
      holds: overHive !== null && overHive >= 1,
      detail: peerText('ratioDetail', { ratio: times(overHive) }),
    },
    {
      name: peerText('targetApollo'),
      holds: overApollo !== null && overApollo >= 1.5,
      detail: peerText('ratioDetail', { ratio: times(overApollo) }),
    },
    {
      name: peerText('targetCacheCost'),
      holds: on !== null && off !== null && on <= off * 1.03,
      detail: peerText('costDetail', {
        cost: cost === null ? '–' : `${cost >= 0 ? '+' : ''}${(cost * 100).toFixed(1)} %`,
        on: on?.toFixed(2) ?? '–',
        off: off?.toFixed(2) ?? '–',
        rps: times(ratio(distinct.ours.rps, distinct.oursUncached.rps)),
      }),
    },
  ];
}
