import { body, orgPage, post } from '../queries';
import { type BenchContext, commandsBySubgraph, total } from './context';

export const PAGE_SIZES = [10, 100, 1000];

export interface PageCount {
  first: number;
  /** Organizations the page actually held (fewer than `first` on small data sets). */
  returned: number;
  commands: Record<string, number>;
  total: number;
  ms: number;
}

export interface NPlusOneResult {
  query: string;
  pages: PageCount[];
  /** No subgraph ran more commands for the largest page than for the smallest. */
  flat: boolean;
}

/**
 * Scenario 3: database commands per request for growing pages of a cross-subgraph query, counted
 * on every subgraph's connection. Sent through the plain gateway so that no cache hides a query.
 */
export async function nPlusOne(ctx: BenchContext): Promise<NPlusOneResult> {
  const query = orgPage(ctx.extras.selections);
  const pages: PageCount[] = [];
  for (const first of PAGE_SIZES) {
    const payload = body(query, { first });
    const send = () => post(ctx.stack.plainGateway.url, payload, {});
    await send();
    let answer: Awaited<ReturnType<typeof send>> | undefined;
    const commands = await commandsBySubgraph(ctx, async () => {
      answer = await send();
    });
    if (!answer || answer.answer.errors)
      throw new Error(`page of ${first} failed: ${JSON.stringify(answer?.answer.errors)}`);
    const nodes = (answer.answer.data as { organizations: { nodes: unknown[] } }).organizations.nodes;
    pages.push({ first, returned: nodes.length, commands, total: total(commands), ms: answer.ms });
  }
  const [small, large] = [pages[0]!, pages.at(-1)!];
  return {
    query: `organizations(first: N) { nodes { name ${ctx.extras.selections.join(' ')} } }`,
    pages,
    flat: Object.keys(small.commands).every((s) => (large.commands[s] ?? 0) <= (small.commands[s] ?? 0)),
  };
}
