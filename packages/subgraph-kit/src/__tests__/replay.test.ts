import { join } from 'node:path';
import { signHop } from '@union-graph/auth';
import { NonceGuard } from '../nonces';
import type { SubgraphDefinition } from '../server';
import { startTestSubgraph, type TestSubgraph, testCallers, testRuntime } from '../testing';

const definition: SubgraphDefinition<Record<string, never>, Record<string, never>> = {
  name: 'replay-fixture',
  packageDir: join(__dirname, 'fixtures', 'provincial'),
  models: () => ({}),
  loaders: () => ({}),
  resolvers: { Query: { gdPrograms: () => ['粤工惠'] } },
};

const runtime = testRuntime();
let subgraph: TestSubgraph<Record<string, never>>;
beforeAll(async () => {
  subgraph = await startTestSubgraph(definition, runtime);
});
afterAll(() => subgraph.stop());

async function send(headers: Record<string, string>, body: string) {
  const res = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return {
    status: res.status,
    body: (await res.json()) as { errors?: { extensions?: { code?: string } }[] },
  };
}

describe('replayed gateway hops', () => {
  it('answers a signed request once and refuses the same request sent again', async () => {
    const body = JSON.stringify({ query: '{ gdPrograms }' });
    const headers = signHop(testCallers.national(), body, runtime.hopSecret);
    const first = await send(headers, body);
    expect(first.status).toBe(200);
    const again = await send(headers, body);
    expect(again.status).toBe(401);
    expect(again.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    // A fresh signature of the same operation is a new request, and is answered.
    expect((await send(signHop(testCallers.national(), body, runtime.hopSecret), body)).status).toBe(200);
  });

  it('refuses a nonce another replica has seen, through Redis', async () => {
    const a = new NonceGuard(subgraph.server.redis, `${runtime.keyspace}shared:`);
    const b = new NonceGuard(subgraph.server.redis, `${runtime.keyspace}shared:`);
    const until = Date.now() + 60_000;
    expect(await a.accept('nonce-seen-by-replica-a', until)).toBe(true);
    expect(await b.accept('nonce-seen-by-replica-a', until)).toBe(false);
    expect(await b.accept('nonce-new-to-both-replicas', until)).toBe(true);
  });

  it('still refuses a replay to the same replica while Redis does not answer', async () => {
    const unreachable = { set: () => new Promise(() => undefined) } as unknown as ConstructorParameters<
      typeof NonceGuard
    >[0];
    const guard = new NonceGuard(unreachable, 'x:', 20);
    const until = Date.now() + 60_000;
    expect(await guard.accept('nonce-while-redis-hangs', until)).toBe(true);
    expect(await guard.accept('nonce-while-redis-hangs', until)).toBe(false);
  });

  it('forgets nonces once their signature has expired', async () => {
    const guard = new NonceGuard(null, 'x:');
    expect(await guard.accept('nonce-old', 1_000, 0)).toBe(true);
    expect(await guard.accept('nonce-old', 1_000, 500)).toBe(false);
    // Past its validity the signature itself is refused as stale; the memory may let it go.
    expect(await guard.accept('nonce-newer', 3_000, 2_000)).toBe(true);
    expect(await guard.accept('nonce-old', 4_000, 2_000)).toBe(true);
  });
});
