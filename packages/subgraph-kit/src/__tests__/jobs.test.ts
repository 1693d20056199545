import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { jobRunModel, latestRun, periodOf, runOncePerPeriod } from '../jobs';
import { connectMongo } from '../mongo';

let conn: Connection;
beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `jobs_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const HOUR = 3_600_000;

describe('periodic jobs run once per period', () => {
  it('aligns periods to the epoch, so every replica names the same one', () => {
    const { start, next } = periodOf(new Date('2026-03-01T10:59:59.999Z'), HOUR);
    expect([start.toISOString(), next.toISOString()]).toEqual([
      '2026-03-01T10:00:00.000Z',
      '2026-03-01T11:00:00.000Z',
    ]);
    expect(periodOf(new Date('2026-03-01T11:00:00.000Z'), HOUR).start).toEqual(next);
  });

  it('lets one of several racing replicas run a period, records what it did, and the next period runs again', async () => {
    const model = jobRunModel(conn);
    const at = new Date('2026-03-01T10:30:00Z');
    let runs = 0;
    const work = async () => ({ done: ++runs });
    const raced = await Promise.all(
      ['a', 'b', 'c'].map((replica) =>
        runOncePerPeriod(model, { job: 'sweep', periodMs: HOUR, replica, at }, work),
      ),
    );
    expect(raced.filter((r) => r.ran)).toHaveLength(1);
    expect(runs).toBe(1);
    expect(new Set(raced.map((r) => r.run._id)).size).toBe(1);
    expect(raced.find((r) => r.ran)?.run).toMatchObject({ result: { done: 1 }, error: null });

    const next = await runOncePerPeriod(
      model,
      { job: 'sweep', periodMs: HOUR, replica: 'b', at: new Date(at.getTime() + HOUR) },
      work,
    );
    expect([next.ran, runs]).toEqual([true, 2]);
    expect(await latestRun(model, 'sweep')).toMatchObject({ replica: 'b', result: { done: 2 } });
    expect(await latestRun(model, 'other')).toBeNull();
  });

  it('records a failed run, which keeps its period: the next period retries', async () => {
    const model = jobRunModel(conn);
    const at = new Date('2026-04-01T00:00:00Z');
    const failing = runOncePerPeriod(
      model,
      { job: 'failing', periodMs: HOUR, replica: 'a', at },
      async () => {
        throw new Error('database unreachable');
      },
    );
    await expect(failing).rejects.toThrow('database unreachable');
    expect(await latestRun(model, 'failing')).toMatchObject({ error: 'Error: database unreachable' });
    const again = await runOncePerPeriod(
      model,
      { job: 'failing', periodMs: HOUR, replica: 'a', at },
      async () => ({}),
    );
    expect(again.ran).toBe(false);
  });
});
