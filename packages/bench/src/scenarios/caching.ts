import { fire, type LoadResult, ratio } from '../load';
import { body, orgCard } from '../queries';
import {
  alternate,
  type BenchContext,
  commandsBySubgraph,
  steady,
  total,
  viaGateway,
  viaPlainGateway,
} from './context';

export interface CachingResult {
  query: string;
  /** Concurrent connections of every variant (lower than the other scenarios', see below). */
  connections: number;
  plain: LoadResult;
  cold: LoadResult;
  warm: LoadResult;
  ratios: { warmOverPlain: number | null; coldOverPlain: number | null; warmOverCold: number | null };
  /** Database commands the subgraphs ran for one repeated (warm) request: 0 when fully cached. */
  warmRequestCommands: number;
}

/**
 * Uncached cards on FerretDB take about a second each and queue on its single SQLite writer; more
 * connections than this only push them past the load generator's timeout. All three variants run
 * at this one concurrency.
 */
const CACHING_CONNECTIONS = 4;

/**
 * Scenario 2: stock Apollo Gateway against ours, cold and warm. Cold runs ask each organization
 * once, from a slice of ids no other run has touched (so nothing can be a hit, and the hot set
 * stays cached); warm runs repeat the hot set after asking each of it once.
 */
export async function caching(base: BenchContext): Promise<CachingResult> {
  const connections = Math.min(base.settings.connections, CACHING_CONNECTIONS);
  const ctx = { ...base, settings: { ...base.settings, connections } };
  const query = orgCard(ctx.extras.selections);
  const hot = ctx.hot.map((id) => body(query, { id }));
  const coldIds = ctx.orgIds.slice(ctx.hot.length);
  // Uncached cross-subgraph requests cost FerretDB scans (seconds at medium scale): two per
  // connection are enough to time them.
  const per = Math.max(
    1,
    Math.min(Math.floor(coldIds.length / ctx.settings.rounds), 2 * ctx.settings.connections),
  );
  // Each hot card asked once: what a warm run repeats is in Redis, whatever expired meanwhile.
  const prime = () =>
    fire(viaGateway(ctx, undefined, hot), {
      connections: Math.min(ctx.settings.connections, hot.length),
      duration: 0,
      amount: hot.length,
    });
  const r = await alternate(
    [
      { name: 'plain', run: steady(ctx, viaPlainGateway(ctx, hot)) },
      {
        name: 'cold',
        run: async (round) => {
          const ids = coldIds.slice(round * per, (round + 1) * per);
          const bodies = ids.map((id) => body(query, { id }));
          return fire(viaGateway(ctx, undefined, bodies), {
            connections: Math.min(ctx.settings.connections, bodies.length),
            duration: 0,
            amount: bodies.length,
          });
        },
      },
      {
        name: 'warm',
        run: async () => {
          await prime();
          return steady(ctx, viaGateway(ctx, undefined, hot))();
        },
      },
    ],
    ctx.settings.rounds,
  );
  const [plain, cold, warm] = [r.plain!, r.cold!, r.warm!];
  return {
    connections,
    query: `organization(id) { name province county ${ctx.extras.selections.join(' ')} }`,
    plain,
    cold,
    warm,
    ratios: {
      warmOverPlain: ratio(warm.rps, plain.rps),
      coldOverPlain: ratio(cold.rps, plain.rps),
      warmOverCold: ratio(warm.rps, cold.rps),
    },
    warmRequestCommands: total(
      await commandsBySubgraph(ctx, () =>
        fire(viaGateway(ctx, undefined, hot.slice(0, 1)), { connections: 1, duration: 0, amount: 1 }),
      ),
    ),
  };
}
