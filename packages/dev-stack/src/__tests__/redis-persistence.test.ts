import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { redisServerArgs, startRedis } from '../redis-server';
import { startDevStack } from '../stack';

/**
 * The dev stack's Redis keeps nothing on disk (issue "Personal data", item 5: its append-only file
 * held cached administrators' answers): neither RDB snapshots nor an append-only file. Tests that
 * restart a server and expect their data back still ask for persistence explicitly.
 */
async function config(url: string): Promise<Record<string, string>> {
  const redis = new Redis(url);
  try {
    const pairs = [
      ...((await redis.config('GET', 'appendonly')) as string[]),
      ...((await redis.config('GET', 'save')) as string[]),
    ];
    return Object.fromEntries(pairs.flatMap((v, i) => (i % 2 ? [] : [[v, pairs[i + 1]!]])));
  } finally {
    redis.disconnect();
  }
}

describe('Redis persistence', () => {
  it('is off in the arguments unless asked for', () => {
    const none = redisServerArgs(6390);
    expect(none.join(' ')).toContain('--appendonly no');
    expect(none[none.indexOf('--save') + 1]).toBe('');
    expect(none).not.toContain('--dir');
    expect(redisServerArgs(6390, '/tmp/x', { persist: false }).join(' ')).toContain('--appendonly no');
    expect(redisServerArgs(6390, '/tmp/x').join(' ')).toContain('--dir /tmp/x --appendonly yes');
    expect(() => redisServerArgs(6390, undefined, { persist: true })).toThrow(/data directory/);
  });

  it('is off in the Redis that `npm start`’s stack runs, and an old append-only file is removed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ug-stack-'));
    mkdirSync(join(dataDir, 'redis', 'appendonlydir'), { recursive: true });
    writeFileSync(join(dataDir, 'redis', 'appendonlydir', 'appendonly.aof.1.incr.aof'), 'old answers');
    // FerretDB is the run's: only Redis is started here.
    const stack = await startDevStack({ dataDir, env: { MONGO_URL: process.env.MONGO_URL } });
    try {
      expect(stack.started).toEqual(['redis']);
      expect(await config(stack.redisUrl)).toEqual({ appendonly: 'no', save: '' });
      const redis = new Redis(stack.redisUrl);
      await redis.set('k', 'v');
      redis.disconnect();
    } finally {
      await stack.stop();
    }
    expect(existsSync(join(dataDir, 'redis'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is on for a test that names a data directory, and survives a restart there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ug-redis-'));
    let server = await startRedis(dir);
    try {
      expect((await config(server.url)).appendonly).toBe('yes');
      const redis = new Redis(server.url);
      await redis.set('kept', '1');
      redis.disconnect();
      await server.proc.stop();
      server = await startRedis(dir, Number(new URL(server.url).port));
      const again = new Redis(server.url);
      expect(await again.get('kept')).toBe('1');
      again.disconnect();
    } finally {
      await server.proc.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
