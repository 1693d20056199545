import { utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { DEFAULT_PAGE } from '../limits';
import { sha256, TrustedDocuments } from '../trusted-documents';
import { callers, type Harness, startHarness } from './fixtures/harness';

const jwksFile = join(tmpdir(), `gw-jwks-${process.pid}.json`);
const doc = '{ motto }';
let h: Harness;
beforeAll(async () => {
  writeFileSync(jwksFile, JSON.stringify({ keys: [] }));
  h = await startHarness({
    jwks: jwksFile,
    limits: { maxDepth: 4, maxAliases: 2, maxRootFields: 3, maxTokens: 40, maxCost: 60 },
    roleLimits: { NATIONAL_ADMIN: { maxCost: 200 }, MEMBER: { maxCost: 10 } },
    rateLimit: { requests: 5, windowSeconds: 60 },
    bodyLimit: '2kb',
    introspectionRoles: ['NATIONAL_ADMIN', 'ANALYST'],
    trustedDocuments: new TrustedDocuments(
      { 'union-app': { trustedOnly: true }, 'union-admin': { trustedOnly: false } },
      [
        {
          client: 'union-app',
          manifest: {
            format: 'apollo-persisted-query-manifest',
            operations: [{ id: sha256(doc), body: doc }],
          },
        },
      ],
    ),
  });
});
afterAll(() => h?.stop());

type Key = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
const analyst = callers.analyst();
/** Each test its own caller: the rate limit counts per caller. */
const as = (id: string) => ({ ...analyst, id });
const code = (r: { body: { errors?: { extensions?: Record<string, unknown> }[] } }) =>
  r.body.errors?.[0]?.extensions?.code;

describe('limits for ad-hoc queries, each at its boundary', () => {
  it('depth', async () => {
    const analyst = as('depth');
    const ok = await h.post({ query: '{ organizations { parent { parent { id } } } }' }, { caller: analyst });
    expect(ok.body.errors).toBeUndefined();
    const deep = await h.post(
      { query: '{ organizations { parent { parent { parent { id } } } } }' },
      { caller: analyst },
    );
    expect(deep.status).toBe(400);
    expect(deep.body.errors?.[0]).toMatchObject({
      message: '查询超过 depth 限制：5 > 4',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', limit: 'depth', max: 4, actual: 5 },
    });
    const english = await h.post(
      { query: '{ organizations { parent { parent { parent { id } } } } }' },
      { caller: analyst, headers: { 'accept-language': 'en' } },
    );
    expect(english.body.errors?.[0]).toMatchObject({
      message: 'query exceeds the depth limit: 5 > 4',
      extensions: { code: 'QUERY_LIMIT_EXCEEDED', messageKey: 'gateway.queryLimit' },
    });
  });

  it('aliases', async () => {
    const analyst = as('aliases');
    expect(code(await h.post({ query: '{ a: motto b: motto }' }, { caller: analyst }))).toBeUndefined();
    const r = await h.post({ query: '{ a: motto b: motto c: motto }' }, { caller: analyst });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ limit: 'aliases', max: 2, actual: 3 });
  });

  it('root fields', async () => {
    const analyst = as('root');
    expect(code(await h.post({ query: '{ motto m: motto n: motto }' }, { caller: analyst }))).toBeUndefined();
    const r = await h.post({ query: '{ motto __typename m: motto n: motto }' }, { caller: analyst });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ limit: 'rootFields', max: 3, actual: 4 });
  });

  it('cost knows list sizes from first', async () => {
    const analyst = as('cost');
    // organizations(first: n) { id parent { id } } costs n × (1 + 1).
    const q = 'query($n: Int) { organizations(first: $n) { id parent { id } } }';
    expect(code(await h.post({ query: q, variables: { n: 30 } }, { caller: analyst }))).toBeUndefined();
    const r = await h.post({ query: q, variables: { n: 31 } }, { caller: analyst });
    expect(r.body.errors?.[0]).toMatchObject({
      message: '查询超过 cost 限制：62 > 60',
      extensions: { limit: 'cost', actual: 62 },
    });
    // Without first, the default page is assumed.
    const noFirst = await h.post({ query: '{ organizations { id parent { id } } }' }, { caller: analyst });
    expect(noFirst.body.errors?.[0]?.extensions?.actual ?? DEFAULT_PAGE * 2).toBe(DEFAULT_PAGE * 2);
  });

  it("per role: the most generous of the caller's roles decides", async () => {
    const q = 'query($n: Int) { organizations(first: $n) { id parent { id } } }';
    const cost = async (caller: ReturnType<typeof as>, n: number) =>
      (await h.post({ query: q, variables: { n } }, { caller })).body.errors?.[0]?.extensions;
    expect(await cost(as('cost-analyst'), 50)).toMatchObject({ limit: 'cost', max: 60, actual: 100 });
    const national = { ...callers.national(), id: 'cost-national' };
    expect(await cost(national, 50)).toBeUndefined();
    expect(await cost(national, 101)).toMatchObject({ limit: 'cost', max: 200, actual: 202 });
    const member = { ...callers.member(), id: 'cost-member' };
    expect(await cost(member, 6)).toMatchObject({ limit: 'cost', max: 10, actual: 12 });
    expect(
      await cost({ ...member, id: 'cost-both', roles: ['MEMBER', 'NATIONAL_ADMIN'] }, 50),
    ).toBeUndefined();
  });

  it('tokens', async () => {
    // `{ a: motto b: motto }` is 8 tokens; pad with __typename fields (1 token each) to 40 and 41.
    const padded = (n: number) => `{ ${'__typename '.repeat(n - 2)}}`;
    expect(code(await h.post({ query: padded(40) }, { caller: { ...analyst, id: 'tok' } }))).not.toBe(
      'GRAPHQL_PARSE_FAILED',
    );
    const r = await h.post({ query: padded(41) }, { caller: { ...analyst, id: 'tok' } });
    expect(r.status).toBe(400);
    expect(r.body.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/contains more th[ae][nt] 40 tokens/),
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });
});

describe('requests', () => {
  it('rate-limits per caller in Redis', async () => {
    const caller = { ...callers.admin('gd'), id: 'busy' };
    const token = await h.token(caller);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await h.post({ query: '{ motto }' }, { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const r = await h.post({ query: '{ motto }' }, { token });
    expect(r.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 5 });
    expect(r.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('refuses a body over the limit and a malformed body with clear codes', async () => {
    const big = await h.post(
      { query: `{ motto } # ${'x'.repeat(3000)}` },
      { caller: { ...analyst, id: 'big' } },
    );
    expect(big.status).toBe(413);
    expect(code(big)).toBe('PAYLOAD_TOO_LARGE');
    const bad = await h.post(null, { caller: { ...analyst, id: 'bad' }, raw: '{"query": ' });
    expect(bad.status).toBe(400);
    expect(code(bad)).toBe('BAD_REQUEST');
  });

  it('prevents CSRF: a GET query without a preflight-forcing header is refused', async () => {
    const token = await h.token({ ...analyst, id: 'csrf' });
    const res = await fetch(`${h.url}?query=${encodeURIComponent('{ motto }')}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(/CSRF/);
  });

  it('allows introspection only to the roles configured for it', async () => {
    const q = '{ __schema { queryType { name } } }';
    expect(code(await h.post({ query: q }, { caller: { ...analyst, id: 'intro' } }))).toBeUndefined();
    const member = await h.post({ query: q }, { caller: callers.member() });
    expect(member.status).toBe(403);
    expect(code(member)).toBe('FORBIDDEN');
    expect(code(await h.post({ query: '{ __typename }' }, { caller: callers.member() }))).toBeUndefined();
  });
});

describe('trusted documents', () => {
  const app = { ...callers.admin('gd'), id: 'app', client: 'union-app' };

  it('runs a registered operation by hash, and nothing else for a trusted-only client', async () => {
    const byHash = await h.post(
      { extensions: { persistedQuery: { version: 1, sha256Hash: sha256(doc) } } },
      { caller: app },
    );
    expect(byHash.body.data).toEqual({ motto: '职工之家' });
    const adHoc = await h.post({ query: '{ organizations { id } }' }, { caller: app });
    expect(adHoc.status).toBe(403);
    expect(code(adHoc)).toBe('PERSISTED_QUERY_NOT_TRUSTED');
  });

  it('lets a registered client that is not trusted-only run ad hoc, and refuses unknown clients', async () => {
    const admin = await h.post(
      { query: '{ motto }' },
      { caller: { ...callers.admin('gd'), id: 'adm', client: 'union-admin' } },
    );
    expect(admin.body.data).toEqual({ motto: '职工之家' });
    const unknown = await h.post(
      { query: '{ motto }' },
      { caller: { ...analyst, id: 'x', client: 'who-knows' } },
    );
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors?.[0]?.message).toBe('未知的客户端 who-knows');
  });
});

describe('tokens', () => {
  const claims = { roles: ['ANALYST'], org: null };

  it('refuses expired, wrong-audience and forged tokens with UNAUTHENTICATED', async () => {
    const expired = await h.token({ ...analyst, id: 'e' }, { expiresIn: '-1m' });
    const wrongAud = await h.token({ ...analyst, id: 'w' }, { audience: 'someone-else' });
    const cases: [string, string, string, string][] = [
      [expired, 'tokenExpired', '令牌已过期', 'token expired'],
      [wrongAud, 'tokenClaimInvalid', '令牌的 aud 声明无效', 'token aud claim is invalid'],
      [
        `${expired.slice(0, -4)}AAAA`,
        'tokenInvalid',
        '令牌签名或格式无效',
        'token signature or format is invalid',
      ],
    ];
    for (const [token, key, zh, en] of cases) {
      const chinese = await h.post({ query: '{ motto }' }, { token });
      expect(chinese.status).toBe(401);
      expect(chinese.body.errors?.[0]).toMatchObject({
        message: zh,
        extensions: { code: 'UNAUTHENTICATED', messageKey: `gateway.${key}` },
      });
      // English when the client asks for it, with the same code and key.
      const english = await h.post(
        { query: '{ motto }' },
        { token, headers: { 'accept-language': 'en-US,en;q=0.9' } },
      );
      expect(english.body.errors?.[0]).toMatchObject({
        message: en,
        extensions: { code: 'UNAUTHENTICATED', messageKey: `gateway.${key}` },
      });
    }
  });

  it('verifies RS256 and ES256 tokens from a JWKS file, and picks up a rotated key without restart', async () => {
    const sign = async (alg: 'RS256' | 'ES256', kid: string, key: Key) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg, kid })
        .setSubject(`jwks-${kid}`)
        .setIssuer('union-graph')
        .setAudience('union-graph')
        .setExpirationTime('5m')
        .sign(key);
    const rsa = await generateKeyPair('RS256', { extractable: true });
    const ec = await generateKeyPair('ES256', { extractable: true });
    const jwk = async (k: Key, kid: string, alg: string) => ({
      ...(await exportJWK(k)),
      kid,
      alg,
      use: 'sig',
    });

    writeFileSync(jwksFile, JSON.stringify({ keys: [await jwk(rsa.publicKey, 'k1', 'RS256')] }));
    const first = await h.post({ query: '{ motto }' }, { token: await sign('RS256', 'k1', rsa.privateKey) });
    expect(first.body.data).toEqual({ motto: '职工之家' });
    const unknownKey = await h.post(
      { query: '{ motto }' },
      { token: await sign('ES256', 'k2', ec.privateKey) },
    );
    expect(unknownKey.body.errors?.[0]?.message).toBe('令牌由未知密钥签名');

    // Rotation: the file now holds the new key only.
    writeFileSync(jwksFile, JSON.stringify({ keys: [await jwk(ec.publicKey, 'k2', 'ES256')] }), {
      flag: 'w',
    });
    utimesSync(jwksFile, new Date(), new Date(Date.now() + 5000));
    const rotated = await h.post({ query: '{ motto }' }, { token: await sign('ES256', 'k2', ec.privateKey) });
    expect(rotated.body.data).toEqual({ motto: '职工之家' });
    const retired = await h.post(
      { query: '{ motto }' },
      { token: await sign('RS256', 'k1', rsa.privateKey) },
    );
    expect(retired.status).toBe(401);
  });
});
