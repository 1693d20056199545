import { randomInt } from 'node:crypto';
import { makeResidentId } from '@union-graph/domain';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { Redis } from 'ioredis';
import { cacheCount as countCache, startTestGraph, type TestGraph } from '../support/graph';

/**
 * Personal data at rest in the cache (issue "Personal data", item 5): administrators' answers and
 * `_entities` entries are sealed (AES-256-GCM) in Redis and their keys hashed with a key, so a
 * copy of Redis (its append-only file, a dump) shows no resident ID, name or phone number, while
 * the cache still serves hits.
 */
let graph: TestGraph;
let redis: Redis;
beforeAll(async () => {
  graph = await startTestGraph();
  redis = new Redis(graph.runtime.redisUrl);
});
afterAll(async () => {
  redis?.disconnect();
  await graph?.stop();
});

const national = testCallers.national();

const cacheCount = (layer: string, result: 'hit' | 'miss') => countCache(graph, layer, result);

/** Every key matching `pattern` with every byte of its value, read as its type requires. */
async function dump(pattern: string): Promise<{ key: Buffer; bytes: Buffer[] }[]> {
  const out: { key: Buffer; bytes: Buffer[] }[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scanBuffer(cursor, 'MATCH', pattern, 'COUNT', 1000);
    cursor = next.toString();
    for (const key of keys) {
      const type = await redis.type(key);
      let bytes: Buffer[] = [];
      if (type === 'string') bytes = [(await redis.getBuffer(key)) ?? Buffer.alloc(0)];
      else if (type === 'hash') bytes = flat(await redis.hgetallBuffer(key));
      else if (type === 'set') bytes = await redis.smembersBuffer(key);
      else if (type === 'list') bytes = await redis.lrangeBuffer(key, 0, -1);
      else if (type === 'zset') bytes = await redis.zrangeBuffer(key, 0, -1);
      else if (type === 'stream')
        bytes = (await redis.xrangeBuffer(key, '-', '+')).flatMap(([id, fields]) => [id, ...fields]);
      out.push({ key, bytes });
    }
  } while (cursor !== '0');
  return out;
}
const flat = (h: Record<string, Buffer>) => Object.entries(h).flatMap(([k, v]) => [Buffer.from(k), v]);

/** The keys (and values) in which any of `secrets` appears in clear. */
function exposing(entries: { key: Buffer; bytes: Buffer[] }[], secrets: string[]): string[] {
  const needles = secrets.map((s) => Buffer.from(s, 'utf8'));
  return entries
    .filter(({ key, bytes }) => [key, ...bytes].some((b) => needles.some((n) => b.includes(n))))
    .map(({ key }) => key.toString());
}

describe('an administrator’s answers in the cache', () => {
  it('holds no resident ID, name or phone number in clear, and still serves hits', async () => {
    const union = graph.plan.organizations.find((o) => o.level === 'GRASSROOTS')!;
    const person = {
      name: `缓存${String.fromCharCode(0x4e00 + randomInt(0x5000))}${String.fromCharCode(0x4e00 + randomInt(0x5000))}`,
      residentId: makeResidentId(union.divisionCode, '1988-07-15', randomInt(100, 999)),
      mobile: `139${String(randomInt(10 ** 8)).padStart(8, '0')}`,
    };
    const registered = await graph.query<{ registerMember: { id: string } }>(
      'mutation($input: MemberInput!) { registerMember(input: $input) { id } }',
      { caller: national, variables: { input: { organizationId: union._id, ...person } } },
    );
    expect(registered.errors).toBeUndefined();
    await graph.settled();
    const id = registered.data!.registerMember.id;

    const BY_ID = 'query M($id: ID!) { member(id: $id) { name residentId mobile } }';
    const BY_RESIDENT_ID =
      'query R($rid: String!) { memberByResidentId(residentId: $rid) { id name mobile } }';
    const first = await graph.query(BY_ID, { caller: national, variables: { id } });
    expect(first.data).toEqual({ member: person });
    const byResidentId = await graph.query(BY_RESIDENT_ID, {
      caller: national,
      variables: { rid: person.residentId },
    });
    expect(byResidentId.data).toEqual({
      memberByResidentId: { id, name: person.name, mobile: person.mobile },
    });

    // Answers that revealed logged personal data are never cached (docs/personal-data.md): each
    // read reaches the members subgraph and leaves its own access-log entry.
    const hits = await cacheCount('response', 'hit');
    expect(await graph.query(BY_ID, { caller: national, variables: { id } })).toEqual(first);
    expect(
      await graph.query(BY_RESIDENT_ID, { caller: national, variables: { rid: person.residentId } }),
    ).toEqual(byResidentId);
    expect(await cacheCount('response', 'hit')).toBe(hits);

    // Private answers without logged kinds stay warm, sealed at rest.
    const PROFILE = 'query P($id: ID!) { member(id: $id) { id gender education } }';
    const profile = await graph.query(PROFILE, { caller: national, variables: { id } });
    expect(profile.errors).toBeUndefined();
    const warm = await cacheCount('response', 'hit');
    expect(await graph.query(PROFILE, { caller: national, variables: { id } })).toEqual(profile);
    expect(await cacheCount('response', 'hit')).toBe(warm + 1);

    // The whole Redis, every key of every type (streams and read models included): the stored
    // answers are there, sealed, and no byte sequence of the person's data is.
    const everything = await dump('*');
    const gatewayKeys = everything.filter((e) =>
      e.key.toString().startsWith(`${graph.runtime.keyspace}gw:response:`),
    );
    expect(gatewayKeys.length).toBeGreaterThanOrEqual(1);
    expect(exposing(everything, [person.residentId, person.name, person.mobile])).toEqual([]);
  });

  it('seals `_entities` entries: a cadre’s member is cached, hit, and unreadable at rest', async () => {
    const cadre = graph.plan.cadres.find((c) => graph.plan.members.some((m) => m._id === c.memberId))!;
    const member = graph.plan.members.find((m) => m._id === cadre.memberId)!;
    // Identifiers revealed to an administrator are logged, so never cached; the rest of the member is.
    const WITH_IDS = `query C($org: ID!) { cadres(organizationId: $org) { id member { id name residentId } } }`;
    const PROFILE = `query D($org: ID!) { cadres(organizationId: $org) { id member { id gender } } }`;
    const read = (q: string) =>
      graph.query<{ cadres: { member: { residentId?: string } }[] }>(q, {
        caller: national,
        variables: { org: cadre.organizationId },
      });
    const withIds = await read(WITH_IDS);
    expect(withIds.errors).toBeUndefined();
    expect(withIds.data?.cadres.map((c) => c.member.residentId)).toContain(member.residentId);
    const first = await read(PROFILE);
    expect(first.errors).toBeUndefined();

    const entityKeys = (await dump(`${graph.runtime.keyspace}gw:entity:*`)).filter((e) => e.bytes.length);
    expect(entityKeys.length).toBeGreaterThan(0);
    const gateway = await dump(`${graph.runtime.keyspace}gw:*`);
    expect(exposing(gateway, [member.residentId, member.name])).toEqual([]);

    // The answer gone, the same question is put together again from the cached member entities.
    const answers = await redis.keys(`${graph.runtime.keyspace}gw:response:*`);
    if (answers.length) await redis.del(...answers);
    const entityHits = await cacheCount('entity', 'hit');
    expect(await read(PROFILE)).toEqual(first);
    expect(await cacheCount('entity', 'hit')).toBeGreaterThan(entityHits);
  });

  it('reads a tampered entry as a miss, answers correctly, and caches the answer again', async () => {
    const org = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    const Q = 'query OrgAtRest($id: ID!) { organization(id: $id) { name } }';
    const ask = () => graph.query(Q, { caller: national, variables: { id: org._id } });
    const before = await dump(`${graph.runtime.keyspace}gw:response:*`);
    const first = await ask();
    expect(first.data).toEqual({ organization: { name: org.name } });
    const known = new Set(before.map((e) => e.key.toString('latin1')));
    const added = (await dump(`${graph.runtime.keyspace}gw:response:*`)).filter(
      (e) => !known.has(e.key.toString('latin1')),
    );
    expect(added.length).toBe(1);
    const [{ key, bytes }] = added as [{ key: Buffer; bytes: Buffer[] }];
    const tampered = Buffer.from(bytes[0]!);
    tampered[tampered.length - 1]! ^= 0x01;
    await redis.set(key, tampered, 'KEEPTTL');

    const misses = await cacheCount('response', 'miss');
    expect(await ask()).toEqual(first);
    expect(await cacheCount('response', 'miss')).toBeGreaterThan(misses);
    const hits = await cacheCount('response', 'hit');
    expect(await ask()).toEqual(first);
    expect(await cacheCount('response', 'hit')).toBe(hits + 1);
  });
});
