import { testCallers } from '@union-graph/subgraph-kit/testing';
import { getIntrospectionQuery } from 'graphql';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * What one request can draw from the real supergraph under the gateway's default limits: alias
 * bombs of introspection (every role may introspect outside production) are refused, and the
 * largest answer any of them can still get is bounded.
 */
let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const analyst = testCallers.analyst();
const aliased = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const typeRef = 'name kind ofType { name kind ofType { name kind ofType { name kind } } }';

it('refuses the measured alias bombs', async () => {
  for (const [n, field] of [
    [370, '__schema { types { name fields { name } } }'],
    [100, '__schema { types { name } }'],
    [1000, '__typename'],
  ] as const) {
    const r = await graph.query(aliased(n, field), { caller: analyst });
    expect(r.status).toBe(400);
    expect(r.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_LIMIT_EXCEEDED', limit: 'aliases' });
  }
});

it('bounds the largest answer an introspection alias bomb can draw', async () => {
  const shapes = [
    '__schema { types { name description } }',
    '__schema { types { name description fields { name description } } }',
    `__schema { types { name description fields { name description type { ${typeRef} } } } }`,
    `__schema { types { name description fields { name description args { name description type { ${typeRef} } } type { ${typeRef} } } inputFields { name description type { ${typeRef} } } enumValues { name description } } }`,
  ];
  let largest = { bytes: 0, copies: 0, shape: '' };
  // The explorer's own query, once.
  const full = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.token(analyst)}` },
    body: JSON.stringify({ query: getIntrospectionQuery({ inputValueDeprecation: true }) }),
  });
  expect(full.status).toBe(200);
  const fullBytes = (await full.text()).length;
  largest = { bytes: fullBytes, copies: 1, shape: 'getIntrospectionQuery()' };
  for (const shape of shapes) {
    // As many copies as the limits let through (root fields ≤ 10, aliases ≤ 30, cost ≤ 20 000).
    for (let copies = 10; copies >= 1; copies--) {
      const res = await fetch(graph.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await graph.token(analyst)}`,
        },
        body: JSON.stringify({ query: aliased(copies, shape) }),
      });
      const text = await res.text();
      if (res.status !== 200) {
        expect(JSON.parse(text).errors[0].extensions.code).toMatch(/QUERY_LIMIT_EXCEEDED|RESPONSE_TOO_LARGE/);
        continue;
      }
      if (text.length > largest.bytes) largest = { bytes: text.length, copies, shape };
      break;
    }
  }
  console.log(
    `largest answer an introspection alias bomb draws under the default limits: ${largest.bytes} bytes ` +
      `(${largest.copies} × ${largest.shape.slice(0, 60)}…; full schema query ${fullBytes} bytes; ceiling 5 MiB)`,
  );
  expect(largest.bytes).toBeLessThanOrEqual(5 * 1024 * 1024);
});

it('/metrics of the gateway and of the subgraphs is not open on their ports', async () => {
  expect((await fetch(new URL('/metrics', graph.url))).status).toBe(404);
  for (const sub of Object.values(graph.subgraphs)) {
    const r = await fetch(new URL('/metrics', sub.url));
    expect([401, 404]).toContain(r.status);
  }
});
