import { join } from 'node:path';
import { type Connection, type Model, Schema } from 'mongoose';
import { ORG_EVENT_TYPE } from '../directory';
import { publishChanges } from '../events';
import type { SubgraphDefinition } from '../server';
import { startTestSubgraph, type TestSubgraph, testCallers, testRuntime } from '../testing';

interface Program {
  _id: string;
  name: string;
}
type Models = { programs: Model<Program> };

/** A subgraph whose one query reads MongoDB, and fails while there is nothing to read. */
const definition: SubgraphDefinition<Models, Record<string, never>> = {
  name: 'metrics-fixture',
  packageDir: join(__dirname, 'fixtures', 'provincial'),
  models: (conn: Connection) => ({
    programs: conn.model('Program', new Schema<Program>({ _id: String, name: String })),
  }),
  loaders: () => ({}),
  resolvers: {
    Query: {
      gdPrograms: async (_: unknown, __: unknown, ctx: { models: Models }) => {
        const programs = await ctx.models.programs.find().lean();
        if (programs.length === 0) throw new Error('no programs yet');
        return programs.map((p) => p.name);
      },
    },
  },
};

const TOKEN = 'metrics-scrape-token-0123456789';
const runtime = testRuntime();
let subgraph: TestSubgraph<Models>;
let untokened: TestSubgraph<Models>;
beforeAll(async () => {
  [subgraph, untokened] = await Promise.all([
    startTestSubgraph(definition, { ...runtime, metricsToken: TOKEN }),
    startTestSubgraph(definition, testRuntime()),
  ]);
});
afterAll(() => Promise.all([subgraph.stop(), untokened.stop()]));

const metricsUrl = (s: TestSubgraph<Models>) => new URL('/metrics', s.url);
async function scrape(authorization?: string, s = subgraph) {
  const res = await fetch(metricsUrl(s), { headers: authorization ? { authorization } : {} });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** The value of one series in Prometheus's text format, or undefined when it is absent. */
function series(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  const line = text
    .split('\n')
    .find((l) => l.startsWith(`${name}{`) && wanted.every((w) => l.slice(0, l.indexOf('}')).includes(w)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('a subgraph’s /metrics', () => {
  it('is refused without the bearer token or with another one, and not served without a token configured', async () => {
    const none = await scrape();
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    expect(none.text).not.toContain('subgraph_requests_total');
    expect((await scrape(`Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await scrape(TOKEN)).status).toBe(401);
    expect((await scrape(`Bearer ${TOKEN}`, untokened)).status).toBe(404);
  });

  it('counts requests by operation type and outcome, and the MongoDB round trips they made', async () => {
    const query = '{ gdPrograms }';
    const failed = await subgraph.request(query, { caller: testCallers.national() });
    expect(failed.errors).toHaveLength(1);
    await subgraph.server.models.programs.create({ _id: 'p1', name: '粤工惠' });
    const ok = await subgraph.request(query, { caller: testCallers.national() });
    expect(ok.data).toEqual({ gdPrograms: ['粤工惠'] });
    await subgraph.request(query, { caller: testCallers.national() });

    const { status, headers, text } = await scrape(`Bearer ${TOKEN}`);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toContain('text/plain');
    const labels = { subgraph: 'metrics-fixture', operation_type: 'query' };
    expect(series(text, 'subgraph_requests_total', { ...labels, outcome: 'ok' })).toBe(2);
    expect(series(text, 'subgraph_requests_total', { ...labels, outcome: 'error' })).toBe(1);
    expect(series(text, 'subgraph_request_duration_seconds_count', { ...labels, outcome: 'ok' })).toBe(2);
    // Three reads of the collection and one insert, each one round trip.
    const commands = { subgraph: 'metrics-fixture', collection: 'programs', outcome: 'ok' };
    expect(
      series(text, 'subgraph_mongo_command_duration_seconds_count', { ...commands, command: 'find' }),
    ).toBe(3);
    expect(
      series(text, 'subgraph_mongo_command_duration_seconds_count', { ...commands, command: 'insert' }),
    ).toBe(1);
    expect(text).toContain('subgraph_process_cpu_seconds_total{subgraph="metrics-fixture"}');
  });

  it('shows how many organization events the directory has not applied', async () => {
    const lag = async () =>
      series((await scrape(`Bearer ${TOKEN}`)).text, 'subgraph_event_consumer_lag', {
        source: 'organizations',
      });
    await subgraph.server.caughtUp();
    expect(await lag()).toBe(0);
    // A directory that stopped reading falls behind by exactly what is published meanwhile.
    await subgraph.server.directory!.stop();
    const events = ['o1', 'o2', 'o3'].map((id) => ({
      type: ORG_EVENT_TYPE,
      id,
      op: 'delete' as const,
      version: 1,
    }));
    await publishChanges(subgraph.server.redis, runtime.keyspace, 'organizations', events);
    expect(await lag()).toBe(3);
  });
});
