import { type ReadableSpan, recordSpans, SpanKind } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

// Before the servers start: they add their tracing (server spans, Mongo listeners) when they do.
const recording = recordSpans();
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(async () => {
  await graph?.stop();
  await recording.stop();
});

const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const subgraphOf = (span: ReadableSpan) => span.attributes['union_graph.subgraph'];

describe('OpenTelemetry through the gateway', () => {
  it('one query planned over two subgraphs is one trace, down to their MongoDB and Redis calls', async () => {
    const org = graph.plan.organizations.find((o) => o.type === 'GRASSROOTS')!;
    const data = await graph.ok(`query($id: ID!) { organization(id: $id) { name memberCount } }`, {
      id: org._id,
    });
    expect(data.organization.name).toBe(org.name);
    expect(typeof data.organization.memberCount).toBe('number');

    const requests = recording.spans().filter((s) => s.name === 'gateway.request');
    expect(requests).toHaveLength(1);
    const traceId = requests[0]!.spanContext().traceId;
    const trace = recording.spans().filter((s) => s.spanContext().traceId === traceId);
    const byId = new Map(trace.map((s) => [s.spanContext().spanId, s]));
    // Every span of the trace hangs from the gateway's request span: nothing started a trace of its own.
    expect(trace.filter((s) => !byId.has(parentOf(s) ?? ''))).toEqual([requests[0]]);

    const fetches = trace.filter((s) => s.name === 'gateway.fetch');
    const servers = trace.filter((s) => s.kind === SpanKind.SERVER);
    expect(new Set(fetches.map((s) => s.attributes.service))).toEqual(new Set(['organizations', 'members']));
    expect(new Set(servers.map(subgraphOf))).toEqual(new Set(['organizations', 'members']));
    // Each subgraph's span is the child of the gateway fetch that called it (traceparent carried it).
    for (const server of servers) {
      const fetch = byId.get(parentOf(server)!)!;
      expect(fetch.name).toBe('gateway.fetch');
      expect(fetch.attributes.service).toBe(subgraphOf(server));
    }

    /** The subgraph whose server span a span descends from, if any. */
    const underSubgraph = (span: ReadableSpan): unknown => {
      for (let s = byId.get(parentOf(span) ?? ''); s; s = byId.get(parentOf(s) ?? ''))
        if (s.kind === SpanKind.SERVER) return subgraphOf(s);
      return undefined;
    };
    const mongo = trace.filter((s) => s.attributes['db.system.name'] === 'mongodb');
    const redis = trace.filter((s) => s.attributes['db.system.name'] === 'redis');
    expect(mongo.length).toBeGreaterThan(0);
    expect(redis.length).toBeGreaterThan(0);
    expect(new Set(mongo.map(underSubgraph))).toEqual(new Set(['organizations', 'members']));
    // The hop's replay guard: one SET per subgraph request, under that subgraph's span.
    expect(
      redis
        .filter((s) => s.name === 'set')
        .map(underSubgraph)
        .sort(),
    ).toEqual(['members', 'organizations']);
    for (const span of [...mongo, ...redis]) expect(span.kind).toBe(SpanKind.CLIENT);
    // A span names its command and collection, never the values it carried.
    const find = mongo.find((s) => s.attributes['db.operation.name'] === 'find')!;
    expect(find.name).toBe(`find ${find.attributes['db.collection.name']}`);
    expect(Object.keys(find.attributes).sort()).toEqual([
      'db.collection.name',
      'db.namespace',
      'db.operation.name',
      'db.system.name',
      'server.address',
      'server.port',
    ]);
    expect(redis.every((s) => s.attributes['db.query.text'] === s.name)).toBe(true);
  });
});
