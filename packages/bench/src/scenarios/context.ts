import { signHop } from '@union-graph/auth';
import type { FerretDbBackend } from '@union-graph/dev-stack';
import { combine, fire, type LoadResult, type Target } from '../load';
import type { BenchStack, ServerStats } from '../stack';

export interface BenchSettings {
  scale: string;
  /** Concurrent connections of every load run. */
  connections: number;
  /** Seconds of each load run. */
  duration: number;
  /** A fixed number of requests per load run instead of a duration (tiny runs: bounded work, never empty). */
  requests?: number;
  /** Rounds per scenario; each round runs every variant once, in rotated order. */
  rounds: number;
  /** Requests per analyst query; samples per backend of each raw query (scenario 6). */
  samples: number;
  /**
   * FerretDB backends to compare side by side, each on a stack of its own (scenario 6); the first
   * runs scenarios 1–5. Unset: the configured backend only, no scenario 6.
   */
  backends?: FerretDbBackend[];
}

export interface BenchContext {
  stack: BenchStack;
  settings: BenchSettings;
  /** Organization ids, in a fixed order; the first ones are the "hot" set the warm runs repeat. */
  orgIds: string[];
  hot: string[];
  /** The national federation: the root of nationwide reports. */
  rootId: string;
  /** The cross-subgraph fields of an organization that the graph has now (see ORG_EXTRAS). */
  extras: { selections: string[]; missing: string[] };
}

export const viaGateway = (
  ctx: BenchContext,
  url = ctx.stack.gateway.url,
  bodies: string[] = [],
): Target => ({
  url,
  bodies,
  headers: () => ({ authorization: `Bearer ${ctx.stack.token}` }),
});

export const viaPlainGateway = (ctx: BenchContext, bodies: string[] = []): Target => ({
  url: ctx.stack.plainGateway.url,
  bodies,
  headers: () => ({}),
});

/** Straight to a subgraph, signed per request exactly as the gateway signs its hops. */
export const direct = (ctx: BenchContext, url: string, bodies: string[]): Target => ({
  url,
  bodies,
  headers: (body) => signHop(ctx.stack.caller, body, ctx.stack.hopSecret),
});

export interface Variant {
  name: string;
  run(round: number): Promise<LoadResult>;
}

/**
 * Runs every variant once per round, starting each round one variant later, so that a noisy
 * moment on the machine hits every variant alike instead of whichever happened to run then.
 */
export async function alternate(variants: Variant[], rounds: number): Promise<Record<string, LoadResult>> {
  const runs = new Map<string, LoadResult[]>(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length]!;
      runs.get(v.name)!.push(await v.run(r));
    }
  }
  return Object.fromEntries([...runs].map(([name, rs]) => [name, combine(rs)]));
}

/**
 * A load run of the configured length. autocannon drops the requests still in flight when the
 * time is up, so a variant slower than the run would show nothing: then every connection
 * completes one request instead, however long that takes.
 */
export const steady = (ctx: Pick<BenchContext, 'settings'>, target: Target) => async () => {
  const { connections, duration, requests } = ctx.settings;
  const run = await fire(target, { connections, duration, amount: requests });
  return run.requests >= connections ? run : fire(target, { connections, duration, amount: connections });
};

export type Counts = Pick<ServerStats, 'commands' | 'roundTrips' | 'sent' | 'others'>;

/** What each subgraph's countCommands saw while `work` ran (driver command monitoring). */
export async function countsBySubgraph(
  ctx: BenchContext,
  work: () => Promise<unknown>,
): Promise<Record<string, Counts>> {
  await Promise.all(ctx.stack.subgraphs.map((s) => s.stats('reset')));
  await work();
  const after = await Promise.all(ctx.stack.subgraphs.map((s) => s.stats()));
  return Object.fromEntries(
    ctx.stack.subgraphs.map((s, i) => {
      const { commands, roundTrips, sent, others } = after[i]!;
      return [s.name, { commands, roundTrips, sent, others }];
    }),
  );
}

/** One figure of countsBySubgraph per subgraph. */
export const pick = (
  counts: Record<string, Counts>,
  figure: Exclude<keyof Counts, 'others'>,
): Record<string, number> => Object.fromEntries(Object.entries(counts).map(([name, c]) => [name, c[figure]]));

/** Database commands each subgraph ran while `work` ran, a keyed batch once. */
export async function commandsBySubgraph(
  ctx: BenchContext,
  work: () => Promise<unknown>,
): Promise<Record<string, number>> {
  return pick(await countsBySubgraph(ctx, work), 'commands');
}

export const total = (counts: Record<string, number>): number =>
  Object.values(counts).reduce((n, c) => n + c, 0);
