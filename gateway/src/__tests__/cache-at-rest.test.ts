import { randomBytes } from 'node:crypto';
import { CacheCipher, parseCacheKey } from '../cache-cipher';
import { cacheCipher } from '../caches';
import { cacheCount, callers, type Harness, startHarness } from './fixtures/harness';

/** Cached values are sealed with AES-256-GCM and key parts hashed with a key (cache-cipher.ts). */
describe('the cache cipher', () => {
  const cipher = new CacheCipher(randomBytes(32));
  const KEY = 'ug:gw:response:abc';

  it('opens what it sealed, under a fresh IV each time, and nothing of the value shows', () => {
    const value = '{"member":{"residentId":"440305198807150012","name":"张三"}}';
    const a = cipher.seal(value, KEY);
    const b = cipher.seal(value, KEY);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.includes(Buffer.from('440305198807150012'))).toBe(false);
    expect(a.includes(Buffer.from('张三'))).toBe(false);
    expect(cipher.open(a, KEY)).toBe(value);
  });

  it('reads a tampered, truncated, moved or foreign entry as nothing, never throwing', () => {
    const sealed = cipher.seal('answer', KEY);
    for (const i of [0, 5, 20, sealed.length - 1]) {
      const bad = Buffer.from(sealed);
      bad[i]! ^= 0x01;
      expect(cipher.open(bad, KEY)).toBeUndefined();
    }
    expect(cipher.open(sealed.subarray(0, 20), KEY)).toBeUndefined();
    expect(cipher.open(Buffer.from('{"v":"plain"}'), KEY)).toBeUndefined();
    expect(cipher.open(null, KEY)).toBeUndefined();
    expect(cipher.open(sealed, 'ug:gw:response:other')).toBeUndefined();
    expect(new CacheCipher(randomBytes(32)).open(sealed, KEY)).toBeUndefined();
  });

  it('hashes key parts with its key: stable for one key, unrelated under another', () => {
    expect(cipher.id('440305198807150012')).toBe(cipher.id('440305198807150012'));
    expect(new CacheCipher(randomBytes(32)).id('440305198807150012')).not.toBe(
      cipher.id('440305198807150012'),
    );
  });

  it('takes a configured 32-byte key in hex or base64, else derives one from the hop secret', () => {
    const raw = randomBytes(32);
    expect(parseCacheKey(raw.toString('hex')).equals(raw)).toBe(true);
    expect(parseCacheKey(raw.toString('base64')).equals(raw)).toBe(true);
    expect(() => parseCacheKey('too short')).toThrow(/32 bytes/);
    const hop = randomBytes(32).toString('hex');
    const derived = cacheCipher({ hopSecret: hop });
    expect(derived.open(cacheCipher({ hopSecret: hop }).seal('x', KEY), KEY)).toBe('x');
    const configured = cacheCipher({ hopSecret: hop, cacheKey: raw.toString('hex') });
    expect(configured.open(derived.seal('x', KEY), KEY)).toBeUndefined();
  });
});

describe('the gateway’s caches at rest', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  async function gatewayValues(): Promise<{ key: string; value: Buffer }[]> {
    const keys = await h.redis.keys(`${h.keyspace}gw:*`);
    const out: { key: string; value: Buffer }[] = [];
    for (const key of keys) {
      const type = await h.redis.type(key);
      if (type === 'string') out.push({ key, value: (await h.redis.getBuffer(key))! });
      else if (type === 'set') for (const m of await h.redis.smembersBuffer(key)) out.push({ key, value: m });
    }
    return out;
  }

  it('stores answers and entities sealed, under keys that name no caller data', async () => {
    const ORG = 'query OrgAtRest($id: ID!) { organization(id: $id) { name } }';
    const first = await h.query(ORG, callers.national(), { id: 'gd-sz' });
    expect(first.data).toEqual({ organization: { name: '深圳市总工会' } });
    const hits = await cacheCount(h.gateway, 'response', 'hit');
    expect(await h.query(ORG, callers.national(), { id: 'gd-sz' })).toEqual(first);
    expect(await cacheCount(h.gateway, 'response', 'hit')).toBe(hits + 1);
    const PERSON = 'query P($id: ID!) { person(id: $id) { name organization { name } } }';
    expect((await h.query(PERSON, callers.national(), { id: 'p1' })).data).toEqual({
      person: { name: '张三', organization: { name: '深圳市总工会' } },
    });

    const values = await gatewayValues();
    expect(values.some((v) => v.key.includes('gw:response:'))).toBe(true);
    expect(values.some((v) => v.key.includes('gw:entity:'))).toBe(true);
    for (const needle of ['深圳市总工会', 'gd-sz', 'NATIONAL_ADMIN']) {
      const bytes = Buffer.from(needle);
      expect(values.filter((v) => v.value.includes(bytes) || v.key.includes(needle))).toEqual([]);
    }
  });

  it('answers from the subgraph when an entity entry was tampered with, then caches it again', async () => {
    const PERSON = 'query P2($id: ID!) { person(id: $id) { organization { name province } } }';
    await h.query(PERSON, callers.national(), { id: 'p1' });
    const entityKeys = await h.redis.keys(`${h.keyspace}gw:entity:*`);
    for (const key of entityKeys) {
      const value = (await h.redis.getBuffer(key))!;
      value[value.length - 1]! ^= 0xff;
      await h.redis.set(key, value, 'KEEPTTL');
    }
    const misses = await cacheCount(h.gateway, 'entity', 'miss');
    const again = await h.query(PERSON, callers.national(), { id: 'p2' });
    expect(again.data).toEqual({ person: { organization: { name: '深圳市总工会', province: 'gd' } } });
    expect(await cacheCount(h.gateway, 'entity', 'miss')).toBe(misses + 1);
    // Stored again, sealed afresh: without the answer cached, the entity is now a hit.
    const answers = await h.redis.keys(`${h.keyspace}gw:response:*`);
    if (answers.length) await h.redis.del(...answers);
    const hits = await cacheCount(h.gateway, 'entity', 'hit');
    expect(await h.query(PERSON, callers.national(), { id: 'p2' })).toEqual(again);
    expect(await cacheCount(h.gateway, 'entity', 'hit')).toBe(hits + 1);
  });

  it('turns every entry into a miss when the key changes (rotation)', async () => {
    const rotated = await startHarness({ keyspace: h.keyspace, cacheKey: randomBytes(32).toString('hex') });
    try {
      await h.query('{ motto }', callers.analyst());
      const misses = await cacheCount(rotated.gateway, 'response', 'miss');
      const hits = await cacheCount(rotated.gateway, 'response', 'hit');
      expect((await rotated.query('{ motto }', callers.analyst())).data).toEqual({ motto: '职工之家' });
      expect(await cacheCount(rotated.gateway, 'response', 'miss')).toBeGreaterThan(misses);
      expect(await cacheCount(rotated.gateway, 'response', 'hit')).toBe(hits);
    } finally {
      await rotated.stop();
    }
  });
});
