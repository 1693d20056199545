import { type LoadResult, ratio } from '../load';
import { body, ORG_ONE } from '../queries';
import { alternate, type BenchContext, direct, steady, viaGateway, viaPlainGateway } from './context';

export interface OverheadResult {
  query: string;
  direct: LoadResult;
  /** Our gateway with its caches off: JWT, limits, signing and query planning, nothing saved. */
  uncachedGateway: LoadResult;
  gateway: LoadResult;
  plainGateway: LoadResult;
  /** Our uncached gateway relative to straight to the subgraph (latency ratios > 1 are overhead). */
  ratios: { p50: number | null; p99: number | null; rps: number | null };
}

/** Scenario 1: what the hop through the gateway costs on a query one subgraph answers alone. */
export async function gatewayOverhead(ctx: BenchContext): Promise<OverheadResult> {
  const bodies = ctx.hot.map((id) => body(ORG_ONE, { id }));
  const organizations = ctx.stack.subgraphs.find((s) => s.name === 'organizations')!;
  const r = await alternate(
    [
      { name: 'direct', run: steady(ctx, direct(ctx, organizations.url, bodies)) },
      { name: 'uncachedGateway', run: steady(ctx, viaGateway(ctx, ctx.stack.uncachedGateway.url, bodies)) },
      { name: 'gateway', run: steady(ctx, viaGateway(ctx, undefined, bodies)) },
      { name: 'plainGateway', run: steady(ctx, viaPlainGateway(ctx, bodies)) },
    ],
    ctx.settings.rounds,
  );
  const [d, u] = [r.direct!, r.uncachedGateway!];
  return {
    query: 'organization(id) from the organizations subgraph',
    direct: d,
    uncachedGateway: u,
    gateway: r.gateway!,
    plainGateway: r.plainGateway!,
    ratios: { p50: ratio(u.p50, d.p50), p99: ratio(u.p99, d.p99), rps: ratio(u.rps, d.rps) },
  };
}
