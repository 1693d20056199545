import { randomBytes } from 'node:crypto';
import { type Connection, Schema } from 'mongoose';
import { ConflictError, toUserFacingError } from '../errors';
import { loadSumsBy } from '../loaders';
import { connectMongo, countCommands, ferretDbPushesDown } from '../mongo';

/**
 * Every database feature Union Graph relies on, exercised through mongoose against the real server
 * of the run (FerretDB here, MongoDB in production). A gap shows up here by name.
 */
interface Row {
  _id: string;
  org: string;
  region: string;
  amount: number;
  tags: string[];
}

let conn: Connection;
const schema = new Schema<Row>(
  {
    _id: String,
    org: { type: String, index: true },
    region: String,
    amount: Number,
    tags: [String],
  },
  { versionKey: false },
);
schema.index({ org: 1, region: 1 }, { unique: true });

const rows = (n: number): Row[] =>
  Array.from({ length: n }, (_, i) => ({
    _id: `r${String(i).padStart(3, '0')}`,
    org: `o${i % 5}`,
    region: `g${i}`,
    amount: i * 100,
    tags: [],
  }));

beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `compat_${randomBytes(4).toString('hex')}`);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

function model(name: string) {
  const m = conn.model<Row>(name, schema, name.toLowerCase());
  return m.init().then(() => m);
}

describe('FerretDB compatibility', () => {
  it('unique compound indexes refuse duplicates, surfacing as CONFLICT', async () => {
    const M = await model('Unique');
    await M.create({ _id: 'a', org: 'o1', region: 'g1', amount: 1 });
    const err = await M.create({ _id: 'b', org: 'o1', region: 'g1', amount: 2 }).catch((e: unknown) => e);
    expect(toUserFacingError(err)).toBeInstanceOf(ConflictError);
    expect(await M.countDocuments()).toBe(1);
  });

  it('an update breaking a unique index surfaces as CONFLICT too, whatever the backend says', async () => {
    const M = await model('UniqueUpdate');
    await M.create([
      { _id: 'a', org: 'o1', region: 'g1', amount: 1 },
      { _id: 'b', org: 'o1', region: 'g2', amount: 2 },
    ]);
    // FerretDB answers code 1 with SQLite's or PostgreSQL's (SQLSTATE 23505) message, not 11000.
    const err = await M.updateOne({ _id: 'b' }, { $set: { region: 'g1' } }).catch((e: unknown) => e);
    expect(toUserFacingError(err)).toBeInstanceOf(ConflictError);
    expect((await M.findById('b').lean())?.region).toBe('g2');
  });

  it('bulkWrite inserts, and $in batches read them back in one command', async () => {
    const M = await model('Batch');
    const res = await M.bulkWrite(rows(100).map((r) => ({ insertOne: { document: r } })));
    expect(res.insertedCount).toBe(100);
    const counter = countCommands(conn);
    const found = await M.find({ _id: { $in: ['r001', 'r050', 'r099', 'missing'] } }).lean();
    expect(found.map((r) => r._id).sort()).toEqual(['r001', 'r050', 'r099']);
    expect(counter.count).toBe(1);
    counter.stop();
  });

  it('a batched read of 1000 ids or 1000 groups is one command (no getMore round trips)', async () => {
    const M = await model('Wide');
    const docs = Array.from({ length: 1000 }, (_, i) => ({
      _id: `w${i}`,
      org: `o${i}`,
      region: `g${i}`,
      amount: i,
      tags: [],
    }));
    await M.insertMany(docs);
    const counter = countCommands(conn);
    expect(await M.find({ _id: { $in: docs.map((d) => d._id) } }).lean()).toHaveLength(1000);
    expect(counter.count).toBe(1);
    counter.reset();
    const counts = loadSumsBy(M, 'org', { n: 1 });
    const rows = await counts.loadMany(docs.map((d) => d.org));
    expect(rows.every((r) => !(r instanceof Error) && r.n === 1)).toBe(true);
    expect(counter.count).toBe(1);
    counter.stop();
  });

  it('sort, skip and limit page through results', async () => {
    const M = await model('Paging');
    await M.insertMany(rows(30));
    const page = await M.find({ org: 'o1' }).sort({ amount: -1, _id: 1 }).skip(1).limit(2).lean();
    expect(page.map((r) => r.amount)).toEqual([2100, 1600]);
  });

  it('$match/$group/$sum aggregation and countDocuments', async () => {
    const M = await model('Agg');
    await M.insertMany(rows(20));
    const groups = await M.aggregate<{ _id: string; total: number }>([
      { $match: { org: { $in: ['o0', 'o1'] } } },
      { $group: { _id: '$org', total: { $sum: '$amount' } } },
      { $sort: { _id: 1 } },
    ]);
    expect(groups).toEqual([
      { _id: 'o0', total: 0 + 500 + 1000 + 1500 },
      { _id: 'o1', total: 100 + 600 + 1100 + 1600 },
    ]);
    expect(await M.countDocuments({ org: 'o2' })).toBe(4);
  });

  it('gap: FerretDB computes only the first accumulator of a $group; loadSumsBy works around it', async () => {
    const M = await model('Multi');
    await M.insertMany(rows(20));
    const sums = loadSumsBy(M, 'org', { n: 1, total: 'amount' });
    const counter = countCommands(conn);
    const [o0, o1, none] = await Promise.all([sums.load('o0'), sums.load('o1'), sums.load('nobody')]);
    expect(o0).toEqual({ n: 4, total: 3000 });
    expect(o1).toEqual({ n: 4, total: 3400 });
    expect(none).toEqual({ n: 0, total: 0 });
    // One command per sum, whatever the number of keys (sent per key where FerretDB pushes the
    // equality down, see queryByKeys), all in one round trip.
    expect(counter.count).toBe(2);
    expect(counter.commands).toBe(ferretDbPushesDown(conn, 'org') ? 2 * 3 : 2);
    expect(counter.roundTrips).toBe(1);
    counter.stop();
  });

  it('$inc, $push, $addToSet and upserts update single documents atomically', async () => {
    const M = await model('Updates');
    await M.updateOne(
      { _id: 'u1' },
      { $setOnInsert: { org: 'o', region: 'g' }, $inc: { amount: 5 } },
      { upsert: true },
    );
    await M.updateOne({ _id: 'u1' }, { $inc: { amount: 7 }, $push: { tags: 'a' } });
    await M.updateOne({ _id: 'u1' }, { $addToSet: { tags: { $each: ['a', 'b'] } } });
    expect(await M.findById('u1').lean()).toEqual({
      _id: 'u1',
      org: 'o',
      region: 'g',
      amount: 12,
      tags: ['a', 'b'],
    });
  });

  // Gap: on FerretDB 1.24.2 (SQLite) read-modify-write updates are not atomic under concurrency:
  // 50 concurrent `$inc`s of one document, or compare-and-set retries on a version field, lose
  // writes (seen: 7 of 50). What is atomic is an insert under a unique index, so anything that
  // must not be lost or doubled is written as new documents with unique keys.
  it('concurrent inserts under a unique key: exactly one wins per key, none is lost', async () => {
    const M = await model('Concurrent');
    const attempts = Array.from({ length: 40 }, (_, i) => ({
      _id: `c${i}`,
      org: 'o',
      region: `key-${i % 20}`,
      amount: i,
    }));
    const results = await Promise.allSettled(attempts.map((doc) => M.create(doc)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(20);
    expect(await M.countDocuments()).toBe(20);
    expect(new Set((await M.find().lean()).map((d) => d.region)).size).toBe(20);
  });

  it('findOneAndUpdate without projection returns the new document', async () => {
    const M = await model('Fam');
    await M.create({ _id: 'f', org: 'o', region: 'g', amount: 1 });
    const doc = await M.findOneAndUpdate(
      { _id: 'f', amount: 1 },
      { $set: { amount: 2 } },
      { new: true },
    ).lean();
    expect(doc?.amount).toBe(2);
  });

  it('a document listing 2,000 ids in an array the schema indexes is written and found', async () => {
    // A posting paying a subsidy plan to every township lists each of them in `orgIds`.
    const listed = new Schema({
      _id: String,
      orgIds: { type: [String], index: true },
      code: { type: String, unique: true },
    });
    const M = conn.model('Listed', listed, 'listed');
    await M.init();
    const orgIds = Array.from({ length: 2_000 }, () => randomBytes(12).toString('hex'));
    await M.create({ _id: 'p', orgIds, code: 'c' });
    expect(await M.find({ orgIds: orgIds[1_234] }).distinct('_id')).toEqual(['p']);
    // FerretDB holds no index over the array (see withoutArrayIndexes); the unique one stays.
    const keys = (await M.listIndexes()).map((i) => Object.keys(i.key).join());
    expect(keys.sort()).toEqual(['_id', 'code']);
  });

  it('has no multi-document transactions (every atomic write must be one document)', async () => {
    const session = await conn.startSession();
    try {
      session.startTransaction();
      await expect(conn.collection('tx').insertOne({ a: 1 }, { session })).rejects.toThrow();
    } finally {
      await session.endSession();
    }
  });
});
