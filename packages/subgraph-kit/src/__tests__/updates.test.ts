import { randomBytes } from 'node:crypto';
import { type Connection, Schema } from 'mongoose';
import { connectMongo, detectDatabase } from '../mongo';
import { modifyDocument, serializedPer, updateDocument, updateEach } from '../updates';

/**
 * The kit's one update path against the run's real server. On FerretDB an unqueued update is an
 * unlocked read-modify-write (concurrent `$inc`s lose most of their increments); through the path
 * none is lost and versions are contiguous.
 */
interface Counter {
  _id: string;
  n: number;
  version: number;
  fields: Record<string, string>;
  last: Date | null;
}

let conn: Connection;
const schema = new Schema<Counter>(
  { _id: String, n: Number, version: Number, fields: { type: Object, default: {} }, last: Date },
  { versionKey: false, minimize: false },
);

beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `updates_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const model = () => conn.model<Counter>('Counter', schema);

describe('the update path', () => {
  it('knows what serves the database (the test stack runs FerretDB unless MONGO_URL names a server)', async () => {
    const started = process.env.UNION_GRAPH_TEST_STARTED?.split(',') ?? [];
    const kind = await detectDatabase(conn);
    if (started.includes('ferretdb')) expect(kind).toBe('ferretdb');
    else expect(['ferretdb', 'mongodb']).toContain(kind);
  });

  it('keeps every one of 50 concurrent increments of one document', async () => {
    await model().create({ _id: 'c1', n: 0, version: 0 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => updateDocument(model(), 'c1', { $inc: { n: 1, version: 1 } })),
    );
    expect((await model().findById('c1').lean())?.n).toBe(50);
    // One version per acknowledged update, each returned once: 1…50.
    expect(results.map((r) => r?.version).sort((a, b) => a! - b!)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
  });

  it('loses no field when concurrent updates each set a different one', async () => {
    await model().create({ _id: 'c2', n: 0, version: 0, fields: {} });
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((k) => updateDocument(model(), 'c2', { $set: { [`fields.${k}`]: k } })),
    );
    expect((await model().findById('c2').lean())?.fields).toEqual({ a: 'a', b: 'b', c: 'c', d: 'd' });
  });

  it('decides from the current document with no write in between (compare-and-set)', async () => {
    await model().create({ _id: 'c3', n: 0, version: 0, last: null });
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + ((i * 7) % 30))));
    await Promise.all(
      days.map((day) =>
        modifyDocument(model(), 'c3', (current) =>
          current.last && current.last >= day
            ? null
            : { update: { $set: { last: day }, $inc: { version: 1 } } },
        ),
      ),
    );
    const latest = new Date(Math.max(...days.map((d) => d.getTime())));
    expect((await model().findById('c3').lean())?.last).toEqual(latest);
  });

  it('answers null for a missing document or a failed guard, and writes nothing', async () => {
    await model().create({ _id: 'c4', n: 0, version: 3 });
    expect(await updateDocument(model(), 'absent', { $set: { n: 9 } })).toBeNull();
    expect(await updateDocument(model(), 'c4', { $set: { n: 9 } }, { guard: { version: 2 } })).toBeNull();
    expect((await model().findById('c4').lean())?.n).toBe(0);
    expect(await model().countDocuments({ _id: 'absent' })).toBe(0);
  });

  it('updates several documents one by one', async () => {
    await model().insertMany([
      { _id: 'm1', n: 1, version: 0 },
      { _id: 'm2', n: 2, version: 0 },
    ]);
    expect(await updateEach(model(), ['m1', 'm2', 'm3'], () => ({ $inc: { n: 10 } }))).toBe(2);
    expect(
      (
        await model()
          .find({ _id: { $in: ['m1', 'm2'] } })
          .sort({ _id: 1 })
          .lean()
      ).map((d) => d.n),
    ).toEqual([11, 12]);
  });

  it('runs queued work in order and goes on after a failure', async () => {
    const order: number[] = [];
    const failing = serializedPer('k', async () => {
      order.push(1);
      throw new Error('boom');
    });
    const next = serializedPer('k', async () => order.push(2));
    await expect(failing).rejects.toThrow('boom');
    await next;
    expect(order).toEqual([1, 2]);
  });
});
