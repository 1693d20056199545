import { body, orgPage, post } from '../queries';
import { type BenchContext, countsBySubgraph, pick, total } from './context';

export const PAGE_SIZES = [10, 100, 1000];

export interface PageCount {
  first: number;
  /** Organizations the page actually held (fewer than `first` on small data sets). */
  returned: number;
  /** Per subgraph: commands, a keyed batch sent as parallel queries counting once. */
  commands: Record<string, number>;
  total: number;
  /** Per subgraph: sequential round trips on the critical path (parallel queries count once). */
  roundTrips: Record<string, number>;
  roundTripsTotal: number;
  /** Every command sent, each parallel query on its own. */
  sent: Record<string, number>;
  sentTotal: number;
  /**
   * Per subgraph: commands background work sent meanwhile (not the request's, counted in no figure
   * above), by command and collection.
   */
  background: Record<string, Record<string, number>>;
  backgroundTotal: number;
  ms: number;
}

export interface NPlusOneResult {
  query: string;
  pages: PageCount[];
  /** No subgraph made more sequential round trips for the largest page than for the smallest. */
  flat: boolean;
}

/**
 * Scenario 3: database round trips per request for growing pages of a cross-subgraph query,
 * counted on every subgraph's connection, with every command sent beside them (on FerretDB a
 * batch of up to 20 keys goes as parallel equality queries: more commands, not more round trips).
 * Only the request's own commands count: background work running meanwhile (the R16 sweep of a
 * freshly seeded data set, read models catching up) is reported apart. Sent through the plain
 * gateway so that no cache hides a query.
 */
export async function nPlusOne(ctx: BenchContext): Promise<NPlusOneResult> {
  const query = orgPage(ctx.extras.selections);
  const pages: PageCount[] = [];
  for (const first of PAGE_SIZES) {
    const payload = body(query, { first });
    const send = () => post(ctx.stack.plainGateway.url, payload, {});
    await send();
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    const counts = await countsBySubgraph(ctx, async () => {
      answer = await send();
    });
    if (!answer || answer.answer.errors)
      throw new Error(`page of ${first} failed: ${JSON.stringify(answer?.answer.errors)}`);
    const nodes = (answer.answer.data as { organizations: { nodes: unknown[] } }).organizations.nodes;
    const [commands, roundTrips, sent] = (['commands', 'roundTrips', 'sent'] as const).map((f) =>
      pick(counts, f),
    );
    pages.push({
      first,
      returned: nodes.length,
      commands: commands!,
      total: total(commands!),
      roundTrips: roundTrips!,
      roundTripsTotal: total(roundTrips!),
      sent: sent!,
      sentTotal: total(sent!),
      background: Object.fromEntries(Object.entries(counts).map(([name, c]) => [name, c.others])),
      backgroundTotal: Object.values(counts).reduce((n, c) => n + total(c.others), 0),
      ms: answer.ms,
    });
  }
  const [small, large] = [pages[0]!, pages.at(-1)!];
  return {
    query: `organizations(first: N) { nodes { name ${ctx.extras.selections.join(' ')} } }`,
    pages,
    flat: Object.keys(small.roundTrips).every(
      (s) => (large.roundTrips[s] ?? 0) <= (small.roundTrips[s] ?? 0),
    ),
  };
}
