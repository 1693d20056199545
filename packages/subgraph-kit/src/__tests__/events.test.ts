import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { applyOrgEvents, type OrgRef, orgChangeEvent, orgDirectoryModel } from '../directory';
import {
  type ChangeEvent,
  CONSUMER_BATCH,
  memberRef,
  orgRef,
  publishChanges,
  startConsumer,
  uniqueRefs,
} from '../events';
import { connectMongo, countCommands } from '../mongo';
import { createRedis } from '../redis';

const keyspace = `t${randomBytes(4).toString('hex')}:`;
const redis = createRedis(process.env.REDIS_URL!, 'events-test');
let conn: Connection;

const org = (id: string, version: number, name = id): OrgRef => ({
  _id: id,
  name,
  type: 'GRASSROOTS',
  level: 'GRASSROOTS',
  status: 'ACTIVE',
  parentId: 'p',
  path: ['p', id],
  divisionCode: '440106',
  version,
});

beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `events_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
  redis.disconnect();
});

describe('change events on Redis Streams', () => {
  it('a consumer group receives every event once, and caughtUp waits for them', async () => {
    const seen: ChangeEvent[] = [];
    const consumer = await startConsumer({
      redis,
      keyspace,
      source: 'organizations',
      group: 'g1',
      consumer: 'c1',
      handle: async (events) => {
        seen.push(...events);
      },
    });
    await publishChanges(redis, keyspace, 'organizations', [
      orgChangeEvent(org('a', 1)),
      orgChangeEvent(org('b', 1)),
    ]);
    await consumer.caughtUp();
    expect(seen.map((e) => e.id)).toEqual(['a', 'b']);
    await consumer.stop();
  });

  it('the org directory keeps the newest snapshot whatever the order of delivery', async () => {
    const dir = orgDirectoryModel(conn);
    await dir.init();
    await applyOrgEvents(dir, [orgChangeEvent(org('x', 2, 'new name'))]);
    await applyOrgEvents(dir, [orgChangeEvent(org('x', 1, 'old name'))]);
    await applyOrgEvents(dir, [orgChangeEvent(org('x', 2, 'new name'))]);
    expect((await dir.findById('x').lean())?.name).toBe('new name');
    await applyOrgEvents(dir, [orgChangeEvent(org('x', 3), 'delete')]);
    expect(await dir.findById('x').lean()).toBeNull();
  });

  it('an event naming the entities it affects feeds the directory its snapshot alone', async () => {
    const dir = orgDirectoryModel(conn);
    await applyOrgEvents(dir, [{ ...orgChangeEvent(org('y', 1, 'child')), affects: [orgRef('p')] }]);
    const stored = await dir.findById('y').lean();
    expect(stored).toMatchObject({ name: 'child', path: ['p', 'y'], version: 1 });
    expect(stored).not.toHaveProperty('affects');
  });

  it('uniqueRefs names each entity once and drops refs without an id', () => {
    expect(uniqueRefs([orgRef('a'), memberRef('a'), orgRef('a'), null, orgRef(''), orgRef('b')])).toEqual([
      orgRef('a'),
      memberRef('a'),
      orgRef('b'),
    ]);
  });

  it('a batch of many events costs a read and one command per kind of change; the newest event wins', async () => {
    const dir = orgDirectoryModel(conn);
    const batch = Array.from({ length: 200 }, (_, i) => orgChangeEvent(org(`m${i}`, 1)));
    batch.push(orgChangeEvent(org('m7', 3, 'renamed')), orgChangeEvent(org('m7', 2, 'stale')));
    const counter = countCommands(conn);
    await applyOrgEvents(dir, batch);
    expect(counter.count).toBe(2);
    counter.stop();
    expect(await dir.countDocuments({ _id: /^m/ })).toBe(200);
    expect((await dir.findById('m7').lean())?.name).toBe('renamed');

    // 200 changes are replaced in place, 50 to a command, and every entry stays readable meanwhile.
    const renames = Array.from({ length: 200 }, (_, i) => orgChangeEvent(org(`m${i}`, 4, `第${i}号`)));
    const again = countCommands(conn);
    const reads = Promise.all(Array.from({ length: 10 }, () => dir.countDocuments({ _id: /^m/ })));
    await applyOrgEvents(dir, renames);
    // The 10 reads alongside, then one read of what is held and one command per 50 replacements.
    expect(again.count).toBe(10 + 1 + 200 / 50);
    expect(new Set(await reads)).toEqual(new Set([200]));
    again.stop();
    expect((await dir.findById('m9').lean())?.name).toBe('第9号');
  });

  it('a consumer behind takes its backlog in batches of CONSUMER_BATCH: a directory catching up reads what it holds once', async () => {
    const backlog = Array.from({ length: 1_200 }, (_, i) => orgChangeEvent(org(`k${i}`, 1)));
    await publishChanges(redis, keyspace, 'backlog', backlog);
    const dir = orgDirectoryModel(conn);
    const batches: number[] = [];
    const counter = countCommands(conn);
    const consumer = await startConsumer({
      redis,
      keyspace,
      source: 'backlog',
      group: 'catching-up',
      consumer: 'c1',
      handle: async (events) => {
        batches.push(events.length);
        await applyOrgEvents(dir, events);
      },
    });
    await consumer.caughtUp();
    await consumer.stop();
    counter.stop();
    expect(CONSUMER_BATCH).toBeGreaterThanOrEqual(backlog.length);
    expect(batches).toEqual([1_200]);
    // One read of what is held (on FerretDB without the 1,200 ids: see findByKeys), one insert.
    expect(counter.count).toBe(2);
    expect(await dir.countDocuments({ _id: /^k/ })).toBe(1_200);
  });

  it('a second service reads the same stream from the start with its own group', async () => {
    const seen: string[] = [];
    const consumer = await startConsumer({
      redis,
      keyspace,
      source: 'organizations',
      group: 'g2',
      consumer: 'c1',
      handle: async (events) => {
        seen.push(...events.map((e) => e.id));
      },
    });
    await consumer.caughtUp();
    expect(seen).toEqual(['a', 'b']);
    await consumer.stop();
  });

  it("groupCaughtUp sees an event handled by another consumer of the group (the gateway's replicas)", async () => {
    const source = 'replicas';
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let holder!: (name: string) => void;
    const delivered = new Promise<string>((resolve) => {
      holder = resolve;
    });
    const replica = (name: string) =>
      startConsumer({
        redis,
        keyspace,
        source,
        group: 'gateway',
        consumer: name,
        handle: async () => {
          holder(name);
          await held;
        },
      });
    const replicas = { r1: await replica('r1'), r2: await replica('r2') };
    await publishChanges(redis, keyspace, source, [orgChangeEvent(org('x', 1))]);
    // Each event goes to one consumer of the group; the other one asks about the group's progress.
    const other = (await delivered) === 'r1' ? replicas.r2 : replicas.r1;
    expect(await other.groupCaughtUp(Date.now() + 50)).toBe(false);
    release();
    expect(await other.groupCaughtUp(Date.now() + 30_000)).toBe(true);
    await Promise.all([replicas.r1.stop(), replicas.r2.stop()]);
  });
});

describe('a consumer whose Redis goes away', () => {
  it('still stops promptly instead of waiting on a read that can never finish', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startRedis } = await import('@union-graph/dev-stack');
    const dir = mkdtempSync(join(tmpdir(), 'ug-redis-'));
    const own = await startRedis(dir);
    const client = createRedis(own.url, 'doomed');
    client.on('error', () => undefined);
    const consumer = await startConsumer({
      redis: client,
      keyspace,
      source: 'organizations',
      group: 'g3',
      consumer: 'c1',
      blockMs: 60_000,
      handle: async () => undefined,
      onError: () => undefined,
    });
    await own.proc.stop();
    // Before the fix this never settled: the test's own timeout is the failure.
    await expect(consumer.stop()).resolves.toBeUndefined();
    client.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }, 15_000);
});
