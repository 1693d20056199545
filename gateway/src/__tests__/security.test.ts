import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { expressMiddleware } from '@as-integrations/express5';
import { mintCallerToken } from '@union-graph/auth';
import { startRedis } from '@union-graph/dev-stack';
import { createLogger } from '@union-graph/subgraph-kit';
import express from 'express';
import { getIntrospectionQuery, parse } from 'graphql';
import { SignJWT } from 'jose';
import { createGateway } from '../server';
import { callers, type Harness, startHarness } from './fixtures/harness';

const national = (id: string) => ({ ...callers.national(), id });
const aliased = (n: number, field: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

describe('introspection is held to the limits like any other operation (default limits)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  it("lets the explorer's full schema query through", async () => {
    const r = await h.post(
      { query: getIntrospectionQuery({ inputValueDeprecation: true }) },
      {
        caller: national('full'),
      },
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toHaveProperty('__schema.types');
  });

  it('refuses alias bombs of __schema and of __typename', async () => {
    const schemaBomb = await h.post(
      { query: aliased(370, '__schema { types { name } }') },
      {
        caller: national('bomb1'),
      },
    );
    expect(schemaBomb.status).toBe(400);
    expect(schemaBomb.body.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_LIMIT_EXCEEDED',
      limit: 'aliases',
      actual: 370,
    });
    const typenameBomb = await h.post({ query: aliased(1000, '__typename') }, { caller: national('bomb2') });
    expect(typenameBomb.status).toBe(400);
    expect(typenameBomb.body.errors?.[0]?.extensions).toMatchObject({ limit: 'aliases', actual: 1000 });
    // Within the alias limit, the root-field limit holds for introspection too.
    const roots = await h.post({ query: aliased(11, '__typename') }, { caller: national('bomb3') });
    expect(roots.body.errors?.[0]?.extensions).toMatchObject({ limit: 'rootFields', actual: 11 });
  });

  it('refuses introspection too deep or too costly', async () => {
    let nested = 'name';
    for (let i = 0; i < 8; i++) nested = `fields { type { ${nested} } }`;
    const deep = await h.post(
      { query: `{ __schema { types { ${nested} } } }` },
      { caller: national('deep') },
    );
    // graphql-js refuses nested `fields` itself; `ofType` chains meet the depth limit.
    expect(deep.body.errors?.[0]).toMatchObject({
      message: 'Maximum introspection depth exceeded',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const chain = `{ __type(name: "Query") { ${'ofType { '.repeat(15)}name${' }'.repeat(15)} } }`;
    const wrapped = await h.post({ query: chain }, { caller: national('chain') });
    expect(wrapped.body.errors?.[0]?.extensions).toMatchObject({ limit: 'depth', max: 15, actual: 17 });
    // Ten aliases and ten root fields are allowed; ten of these cost 10 × 3 111.
    const costly = aliased(10, '__schema { types { fields { args { type { ofType { name } } } } } }');
    const r = await h.post({ query: costly }, { caller: national('costly') });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ limit: 'cost', actual: 31_110 });
  });

  it('suggests field names outside production only', async () => {
    const r = await h.post({ query: '{ mottoo }' }, { caller: national('suggest') });
    expect(r.body.errors?.[0]?.message).toMatch(/Did you mean/);
  });
});

describe('in production', () => {
  it('gives no field suggestions', async () => {
    const h = await startHarness({ production: true });
    try {
      const r = await h.post({ query: '{ mottoo }' }, { caller: national('prod') });
      expect(r.status).toBe(400);
      expect(r.body.errors?.[0]?.message).toBe('Cannot query field "mottoo" on type "Query".');
    } finally {
      await h.stop();
    }
  });

  it('refuses to start on weak or shared secrets, and says how to make one', async () => {
    const good = () => randomBytes(32).toString('hex');
    const start = (jwtSecret: string, hopSecret: string) =>
      createGateway({
        production: true,
        supergraphSdl: 'unused',
        jwtSecret,
        hopSecret,
        logger: createLogger('gateway', 'silent'),
      });
    await expect(start('a'.repeat(32), good())).rejects.toThrow(
      /UNION_GRAPH_JWT_SECRET is one character repeated: make one with `openssl rand -hex 32`/,
    );
    await expect(start(good(), 'abcdabcdabcdabcdabcdabcdabcdabcd')).rejects.toThrow(
      /UNION_GRAPH_HOP_SECRET is too weak \(about 8 bits, 128 needed\)/,
    );
    const same = good();
    await expect(start(same, same)).rejects.toThrow(
      /UNION_GRAPH_JWT_SECRET and UNION_GRAPH_HOP_SECRET must differ/,
    );
  });
});

/** A subgraph whose `blob(bytes:)` answers a string of that many bytes. */
async function blobSubgraph(): Promise<{ url: string; stop(): Promise<void> }> {
  const typeDefs = parse(`
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Query { blob(bytes: Int!): String }`);
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([
      { typeDefs, resolvers: { Query: { blob: (_: unknown, a: { bytes: number }) => 'x'.repeat(a.bytes) } } },
    ]),
  });
  await apollo.start();
  const app = express();
  app.use('/graphql', express.json({ limit: '50mb' }), expressMiddleware(apollo));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async stop() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await apollo.stop();
    },
  };
}

describe('response size ceiling', () => {
  it('refuses a 10 MB answer with RESPONSE_TOO_LARGE (default 5 MB)', async () => {
    const sub = await blobSubgraph();
    const composed = composeServices([
      {
        name: 'blobs',
        url: sub.url,
        typeDefs:
          parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
          type Query { blob(bytes: Int!): String }`),
      },
    ]);
    const jwtSecret = process.env.UNION_GRAPH_JWT_SECRET!;
    const gateway = await createGateway({
      supergraphSdl: composed.supergraphSdl!,
      hopSecret: process.env.UNION_GRAPH_HOP_SECRET!,
      jwtSecret,
      logger: createLogger('gateway', 'silent'),
    });
    const url = await gateway.listen(0);
    try {
      const token = await mintCallerToken(national('blob'), jwtSecret);
      const ask = (bytes: number) =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: `{ blob(bytes: ${bytes}) }` }),
        });
      const small = await ask(1_000_000);
      expect(small.status).toBe(200);
      const big = await ask(10 * 1024 * 1024);
      expect(big.status).toBe(422);
      const body = (await big.json()) as {
        data?: unknown;
        errors: { extensions: Record<string, unknown> }[];
      };
      expect(body.data).toBeUndefined();
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', max: 5 * 1024 * 1024 });
      expect(body.errors[0]!.extensions.actual).toBeGreaterThan(10 * 1024 * 1024);
    } finally {
      await gateway.stop();
      await sub.stop();
    }
  });

  it('applies a configured ceiling to every answer, introspection included', async () => {
    const h = await startHarness({ maxResponseBytes: 300 });
    try {
      expect((await h.post({ query: '{ motto }' }, { caller: national('c1') })).body.data).toEqual({
        motto: '职工之家',
      });
      const r = await h.post({ query: '{ __schema { types { name } } }' }, { caller: national('c2') });
      expect(r.status).toBe(422);
      expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', max: 300 });
    } finally {
      await h.stop();
    }
  });
});

describe('token lifetime', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tokenMaxSeconds: 2 * 3600 });
  });
  afterAll(() => h?.stop());

  const sign = (lifetime: string | undefined, iat = true) => {
    let jwt = new SignJWT({ roles: ['ANALYST'], org: null })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('life')
      .setIssuer('union-graph')
      .setAudience('union-graph');
    if (iat) jwt = jwt.setIssuedAt();
    if (lifetime) jwt = jwt.setExpirationTime(lifetime);
    return jwt.sign(new TextEncoder().encode(h.jwtSecret));
  };
  const status = async (token: string) => {
    const r = await h.post({ query: '{ motto }' }, { token });
    return [r.status, r.body.errors?.[0]?.message ?? 'ok'];
  };

  it('refuses a token without exp', async () => {
    expect(await status(await sign(undefined))).toEqual([401, '令牌缺少 exp 声明']);
  });

  it('refuses a token living longer than the maximum, with or without iat', async () => {
    expect(await status(await sign('2h'))).toEqual([200, 'ok']);
    expect(await status(await sign('3h'))).toEqual([401, '令牌有效期 3 小时，超过允许的 2 小时']);
    expect(await status(await sign('1h', false))).toEqual([200, 'ok']);
    expect(await status(await sign('30d', false))).toEqual([401, '令牌有效期 720 小时，超过允许的 2 小时']);
  });

  it('accepts the development token (12 h) under the default maximum', async () => {
    const d = await startHarness();
    try {
      const r = await d.post({ query: '{ motto }' }, { token: await d.token(national('dev')) });
      expect(r.body.data).toEqual({ motto: '职工之家' });
      const long = await d.post(
        { query: '{ motto }' },
        { token: await d.token(national('dev'), { expiresIn: '13h' }) },
      );
      expect(long.status).toBe(401);
    } finally {
      await d.stop();
    }
  });
});

describe('rate limits', () => {
  it('counts per caller of a client, with a ceiling for the client as a whole', async () => {
    const h = await startHarness({ rateLimit: { requests: 3, clientRequests: 5, windowSeconds: 60 } });
    try {
      const user = (id: string) => ({ ...callers.analyst(), id, client: 'web' });
      const run = async (id: string, n: number) => {
        const token = await h.token(user(id));
        const out: (number | string)[] = [];
        for (let i = 0; i < n; i++) {
          const r = await h.post({ query: '{ motto }' }, { token });
          out.push(r.status === 429 ? `429 ${r.body.errors?.[0]?.extensions?.scope}` : r.status);
        }
        return out;
      };
      expect(await run('first', 4)).toEqual([200, 200, 200, '429 caller']);
      // The next user of the same frontend is not starved by the first…
      expect(await run('second', 2)).toEqual([200, 200]);
      // …but the frontend as a whole stays bounded (3 + 2 = 5).
      expect(await run('third', 1)).toEqual(['429 client']);
      // Another frontend is counted apart.
      const other = await h.post({ query: '{ motto }' }, { caller: { ...user('first'), client: 'admin' } });
      expect(other.status).toBe(200);
    } finally {
      await h.stop();
    }
  });

  it('keeps limiting in memory while Redis is down: 40 requests against a limit of 20', async () => {
    const redis = await startRedis();
    const h = await startHarness({
      redisUrl: redis.url,
      redisCommandTimeoutMs: 100,
      rateLimit: { requests: 20, windowSeconds: 60 },
    });
    try {
      await redis.proc.stop();
      const token = await h.token(national('redis-down'));
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await h.post({ query: '{ motto }' }, { token })).status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    } finally {
      await h.stop();
      await redis.proc.stop();
    }
  });
});

describe('/metrics', () => {
  const metricsUrl = (h: Harness) => h.url.replace('/graphql', '/metrics');

  it('is not served without a configured token', async () => {
    const h = await startHarness();
    try {
      expect((await fetch(metricsUrl(h))).status).toBe(404);
    } finally {
      await h.stop();
    }
  });

  it('answers only the configured bearer token', async () => {
    const metricsToken = randomBytes(24).toString('hex');
    const h = await startHarness({ metricsToken });
    try {
      await h.post({ query: '{ motto }' }, { caller: { ...callers.analyst(), client: 'secret-client' } });
      const anonymous = await fetch(metricsUrl(h));
      expect(anonymous.status).toBe(401);
      expect(await anonymous.text()).not.toMatch(/secret-client/);
      const wrong = await fetch(metricsUrl(h), { headers: { authorization: 'Bearer nope' } });
      expect(wrong.status).toBe(401);
      const scraper = await fetch(metricsUrl(h), { headers: { authorization: `Bearer ${metricsToken}` } });
      expect(scraper.status).toBe(200);
      expect(await scraper.text()).toMatch(/gateway_requests_total\{.*client="secret-client"/);
    } finally {
      await h.stop();
    }
  });
});
