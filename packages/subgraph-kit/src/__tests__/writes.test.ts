import { randomBytes } from 'node:crypto';
import { type Connection, Schema } from 'mongoose';
import { ConflictError } from '../errors';
import { connectMongo } from '../mongo';
import { kitText } from '../texts';
import {
  appendOnce,
  findAppended,
  idempotentRecords,
  insertIfAbsent,
  insertUnique,
  insertUnlessTaken,
} from '../writes';

interface Alert {
  _id: string;
  organizationId: string;
  level: string;
  requestHash?: string;
}

let conn: Connection;
const schema = new Schema<Alert>(
  { _id: String, organizationId: String, level: String },
  { versionKey: false },
);
schema.plugin(idempotentRecords);

beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `writes_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const model = () => conn.model<Alert>('Alert', schema);
const raise = (key: string | null, level: string, callerId = 'admin-1') =>
  appendOnce(
    model(),
    { organizationId: 'g1', level },
    { callerId, mutation: 'raiseLaborAlert', key, input: { level } },
  );

describe('appending records', () => {
  it('appends once per idempotency key: a repeat returns the original and writes nothing', async () => {
    const first = await raise('retry-1', 'RED');
    const again = await Promise.all([raise('retry-1', 'RED'), raise('retry-1', 'RED')]);
    expect(first.created).toBe(true);
    expect(again.map((a) => [a.created, a.doc._id])).toEqual([
      [false, first.doc._id],
      [false, first.doc._id],
    ]);
    expect(await model().countDocuments({ level: 'RED' })).toBe(1);
  });

  it('refuses a repeated key with other input as CONFLICT on idempotencyKey', async () => {
    await raise('retry-2', 'YELLOW');
    await expect(raise('retry-2', 'ORANGE')).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', field: 'idempotencyKey' },
    });
    expect(await model().countDocuments({ level: 'ORANGE' })).toBe(0);
  });

  it('scopes keys to the caller, and appends every call without a key', async () => {
    const mine = await raise('shared-key', 'BLUE', 'admin-1');
    const theirs = await raise('shared-key', 'BLUE', 'admin-2');
    expect(theirs.doc._id).not.toBe(mine.doc._id);
    await raise(null, 'GREEN');
    await raise(null, 'GREEN');
    expect(await model().countDocuments({ level: 'GREEN' })).toBe(2);
  });

  it('refuses a malformed key before writing', async () => {
    await expect(raise('has spaces', 'RED')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'idempotencyKey' },
    });
    await expect(raise('x'.repeat(129), 'RED')).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('maps a unique key to CONFLICT naming the field, or ignores a harmless repeat', async () => {
    await insertUnique(
      model(),
      { _id: 'u1', organizationId: 'g1', level: 'X' },
      { message: kitText('duplicate', { fields: 'id' }), field: 'id' },
    );
    await expect(
      insertUnique(
        model(),
        { _id: 'u1', organizationId: 'g2', level: 'X' },
        { message: kitText('duplicate', { fields: 'id' }), field: 'id' },
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await insertIfAbsent(model(), { _id: 'u2', organizationId: 'g1', level: 'Y' })).toBe(true);
    expect(await insertIfAbsent(model(), { _id: 'u2', organizationId: 'g1', level: 'Y' })).toBe(false);
  });

  it('inserts many in one command, leaving out (and naming) those a unique key refuses, the rest after them too', async () => {
    await model().create({ _id: 'taken-1', organizationId: 'g1', level: 'RED' });
    const docs = ['fresh-1', 'taken-1', 'fresh-2'].map((_id) => ({
      _id,
      organizationId: 'g2',
      level: 'BLUE',
    }));
    expect([...(await insertUnlessTaken(model(), docs))]).toEqual([1]);
    const stored = await model()
      .find({ _id: { $in: ['fresh-1', 'taken-1', 'fresh-2'] } })
      .sort({ _id: 1 })
      .lean();
    expect(stored.map((d) => [d._id, d.organizationId])).toEqual([
      ['fresh-1', 'g2'],
      ['fresh-2', 'g2'],
      ['taken-1', 'g1'],
    ]);
    expect((await insertUnlessTaken(model(), [])).size).toBe(0);
  });

  it('finds what a keyed call appended, refusing the key with other input, and nothing else', async () => {
    const { doc } = await raise('found-1', 'AMBER');
    const ask = (key: string | null, level: string) =>
      findAppended(model(), { callerId: 'admin-1', mutation: 'raiseLaborAlert', key, input: { level } });
    expect((await ask('found-1', 'AMBER'))?._id).toBe(doc._id);
    await expect(ask('found-1', 'RED')).rejects.toMatchObject({
      extensions: { code: 'CONFLICT', field: 'idempotencyKey' },
    });
    expect(await ask('never-used', 'AMBER')).toBeNull();
    expect(await ask(null, 'AMBER')).toBeNull();
  });
});
