import { fire } from '../load';
import { ANALYST_QUERIES, body, isSchemaMiss, post } from '../queries';
import { type BenchContext, viaGateway, viaPlainGateway } from './context';

export interface AnalystQueryResult {
  name: string;
  /** The first time it is asked, through our gateway (ms). */
  firstMs: number;
  /** Asked again and again, one at a time: through our gateway, and through the plain one. */
  gatewayP50: number;
  gatewayP99: number;
  plainP50: number;
}

export interface AnalystResult {
  queries: AnalystQueryResult[];
  /** Questions the graph cannot answer yet (their fields are not in the supergraph). */
  skipped: string[];
}

/** Scenario 5: representative aggregate questions, latency of each. */
export async function analystMix(ctx: BenchContext): Promise<AnalystResult> {
  const result: AnalystResult = { queries: [], skipped: [] };
  const one = { connections: 1, duration: 0, amount: ctx.settings.samples };
  for (const [name, query] of Object.entries(ANALYST_QUERIES)) {
    const payload = body(query, query.includes('$root') ? { root: ctx.rootId } : undefined);
    const first = await post(ctx.stack.gateway.url, payload, viaGateway(ctx).headers(payload));
    if (isSchemaMiss(first.answer)) {
      result.skipped.push(name);
      continue;
    }
    if (first.answer.errors)
      throw new Error(`analyst query "${name}" failed: ${first.answer.errors[0]?.message}`);
    const ours = await fire(viaGateway(ctx, undefined, [payload]), one);
    const plain = await fire(viaPlainGateway(ctx, [payload]), one);
    result.queries.push({
      name,
      firstMs: first.ms,
      gatewayP50: ours.p50,
      gatewayP99: ours.p99,
      plainP50: plain.p50,
    });
  }
  return result;
}
