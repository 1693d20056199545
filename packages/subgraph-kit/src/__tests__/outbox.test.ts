import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { type ChangeEvent, publishChanges, streamKey } from '../events';
import { createLogger } from '../logger';
import { connectMongo } from '../mongo';
import { Outbox, outboxModel } from '../outbox';

/**
 * The outbox against a Redis of its own, stopped and started again under writes: every write
 * is acknowledged while Redis is down, and every event reaches the stream, in order, once it is back.
 */
let port: number;
let redisProc: ChildProcess | undefined;
let redis: Redis;
let conn: Connection;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as { port: number };
      srv.close(() => resolve(p));
    });
  });
}

async function startRedis(): Promise<void> {
  redisProc = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => 50 });
  probe.on('error', () => undefined);
  await probe.connect().catch(() => undefined);
  await probe.ping();
  probe.disconnect();
}

async function stopRedis(): Promise<void> {
  const proc = redisProc;
  if (!proc || proc.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

const events = (from: number, n: number): ChangeEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    type: 'Probe',
    id: `p${from + i}`,
    op: 'upsert' as const,
    version: from + i,
  }));

async function streamIds(): Promise<string[]> {
  const entries = await redis.xrange(streamKey('ob:', 'probe'), '-', '+');
  return entries.map(([, fields]) => (JSON.parse(fields[1]!) as ChangeEvent).id);
}

beforeAll(async () => {
  port = await freePort();
  await startRedis();
  redis = new Redis({ port, host: '127.0.0.1', maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  redis.on('error', () => undefined);
  conn = await connectMongo(process.env.MONGO_URL!, `outbox_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  redis.disconnect();
  await stopRedis();
  await conn.dropDatabase();
  await conn.close();
});

function outbox(): Outbox {
  return new Outbox(outboxModel(conn), {
    send: (e) => publishChanges(redis, 'ob:', 'probe', e),
    log: createLogger('outbox-test', 'silent'),
    waitMs: 200,
    maxBackoffMs: 200,
  });
}

describe('the outbox', () => {
  it('relays a write’s events before the write answers while Redis is up, and keeps nothing', async () => {
    const box = outbox();
    await box.add(events(0, 2));
    expect(await streamIds()).toEqual(['p0', 'p1']);
    expect(await outboxModel(conn).countDocuments()).toBe(0);
    box.stop();
  });

  it('acknowledges writes while Redis is down and relays them all, in order, once it is back', async () => {
    const box = outbox();
    await stopRedis();
    for (let i = 0; i < 5; i++) await box.add(events(10 + i * 2, 2));
    expect(box.backlog).toBe(5);
    expect(await outboxModel(conn).countDocuments()).toBe(5);
    await startRedis();
    await box.drained();
    // The restarted Redis kept nothing (no persistence): the stream holds exactly the backlog.
    expect(await streamIds()).toEqual(events(10, 10).map((e) => e.id));
    expect(await outboxModel(conn).countDocuments()).toBe(0);
    box.stop();
  });

  it('relays what an earlier process stored and did not send', async () => {
    await outboxModel(conn).create({
      _id: '000000000-0000-left',
      events: events(50, 1),
      createdAt: new Date(),
    });
    const box = outbox();
    await box.recover();
    await box.drained();
    expect((await streamIds()).at(-1)).toBe('p50');
    expect(await outboxModel(conn).countDocuments()).toBe(0);
    box.stop();
  });
});
