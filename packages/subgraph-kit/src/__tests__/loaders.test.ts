import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import mongoose, { type Connection, Schema } from 'mongoose';
import {
  EQUALITY_BATCH_MAX,
  findByKeys,
  loadById,
  loadCountBy,
  loadManyBy,
  loadSumsBy,
  WHOLE_READ_MIN,
} from '../loaders';
import { allOf, connectMongo, countCommands, ferretDbPushesDown, knownDatabase } from '../mongo';

/**
 * The loaders' two shapes (issue #18): on FerretDB, which scans the collection for `$in` but
 * pushes `field = value` down to its backend (any field on PostgreSQL, `_id` on SQLite), a batch
 * of up to EQUALITY_BATCH_MAX keys goes as parallel equality queries; a larger batch, a field the
 * backend would scan for, and a server not known to be FerretDB, as one `$in`.
 * Either way one round trip on the critical path, and one command for `count`, per batch: no N+1.
 */
interface Doc {
  _id: string;
  org: string;
  n: number;
}
const schema = new Schema<Doc>({ _id: String, org: String, n: Number }, { versionKey: false });
const docs: Doc[] = Array.from({ length: 60 }, (_, i) => ({
  _id: `d${String(i).padStart(2, '0')}`,
  org: `o${i % 30}`,
  n: i,
}));
const orgs = (k: number) => Array.from({ length: k }, (_, i) => `o${i}`);

let conn: Connection;
let onFerretDb: boolean;
/** Whether FerretDB filters `org` in its backend (PostgreSQL) rather than scanning (SQLite). */
let orgPushedDown: boolean;
beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `loaders_${randomBytes(4).toString('hex')}`);
  onFerretDb = knownDatabase(conn) === 'ferretdb';
  orgPushedDown = ferretDbPushesDown(conn, 'org');
  await conn.model<Doc>('Doc', schema, 'docs').insertMany(docs);
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
});

const Doc = () => conn.model<Doc>('Doc');

/** Round trips and commands of one batch of `keys` through a fresh loader. */
async function batch<R>(load: (keys: string[]) => Promise<R>, keys: string[]) {
  const counter = countCommands(conn);
  const result = await load(keys);
  counter.stop();
  return { result, count: counter.count, roundTrips: counter.roundTrips, commands: counter.commands };
}

describe('loader batches', () => {
  it('knows what the server pushes down: _id on FerretDB, other fields on its PostgreSQL backend only', () => {
    const started = process.env.UNION_GRAPH_TEST_STARTED?.split(',') ?? [];
    expect(onFerretDb).toBe(started.includes('ferretdb'));
    expect(ferretDbPushesDown(conn, '_id')).toBe(onFerretDb);
    expect(orgPushedDown).toBe(started.includes('postgresql'));
  });

  it('a batch of EQUALITY_BATCH_MAX keys is that many equality queries where pushed down, in one round trip', async () => {
    const many = loadManyBy(Doc(), 'org', { sort: { n: -1 } });
    const run = await batch((keys) => Promise.all(keys.map((k) => many.load(k))), orgs(EQUALITY_BATCH_MAX));
    expect(run).toMatchObject({ count: 1, roundTrips: 1, commands: orgPushedDown ? EQUALITY_BATCH_MAX : 1 });
    // Grouped per key, sorted within: o3 holds d33 and d03.
    expect(run.result[3]!.map((d) => d._id)).toEqual(['d33', 'd03']);
    expect(run.result.flat()).toHaveLength(2 * EQUALITY_BATCH_MAX);
  });

  it('one key more is one $in query on every server', async () => {
    const many = loadManyBy(Doc(), 'org');
    const run = await batch(
      (keys) => Promise.all(keys.map((k) => many.load(k))),
      orgs(EQUALITY_BATCH_MAX + 1),
    );
    expect(run).toMatchObject({ count: 1, roundTrips: 1, commands: 1 });
    expect(run.result.flat()).toHaveLength(2 * (EQUALITY_BATCH_MAX + 1));
  });

  it('repeated keys are asked once; a filter cannot override the key', async () => {
    const byId = loadById(Doc(), { _id: 'd01', n: { $gte: 10 } });
    const run = await batch((ids) => byId.loadMany(ids), ['d05', 'd15', 'd15', 'd45']);
    expect(run.result.map((d) => (d instanceof Error || !d ? null : d._id))).toEqual([
      null,
      'd15',
      'd15',
      'd45',
    ]);
    expect(run).toMatchObject({ count: 1, roundTrips: 1, commands: onFerretDb ? 3 : 1 });
  });

  it('counts: one aggregation per key where pushed down up to the limit, one $in beyond it', async () => {
    const counts = loadCountBy(Doc(), 'org', { n: { $lt: 45 } });
    const small = await batch((keys) => counts.loadMany(keys), ['o0', 'o14', 'o15', 'nobody']);
    expect(small.result).toEqual([2, 2, 1, 0]);
    expect(small).toMatchObject({ count: 1, roundTrips: 1, commands: orgPushedDown ? 4 : 1 });
    const large = await batch((keys) => loadCountBy(Doc(), 'org').loadMany(keys), orgs(30));
    expect(large.result).toEqual(orgs(30).map(() => 2));
    expect(large).toMatchObject({ count: 1, roundTrips: 1, commands: 1 });
  });

  it('a batch of WHOLE_READ_MIN keys or more: on FerretDB one read without the key list, the same answers', async () => {
    // A full resync names every union: most keys have nothing, a few have the documents.
    const keys = [...orgs(3), ...Array.from({ length: WHOLE_READ_MIN }, (_, i) => `none${i}`)];
    const filters: unknown[] = [];
    const sent = (e: { commandName: string; command: { filter?: unknown } }) => {
      if (e.commandName === 'find') filters.push(e.command.filter);
    };
    conn.getClient().on('commandStarted', sent);
    const found = await batch((k) => findByKeys(Doc(), 'org', k, { filter: { n: { $lt: 45 } } }), keys);
    conn.getClient().off('commandStarted', sent);
    expect(found.result.map((d) => d._id).sort()).toEqual(['d00', 'd01', 'd02', 'd30', 'd31', 'd32']);
    expect(found).toMatchObject({ count: 1, commands: 1 });
    // FerretDB is sent the rest of the filter only; MongoDB the key list its index serves.
    expect(filters).toEqual([onFerretDb ? { n: { $lt: 45 } } : { org: { $in: keys }, n: { $lt: 45 } }]);
    const sums = await batch((k) => loadSumsBy(Doc(), 'org', { docs: 1, n: 'n' }).loadMany(k), keys);
    expect(sums.result.slice(0, 4)).toEqual([
      { docs: 2, n: 30 },
      { docs: 2, n: 32 },
      { docs: 2, n: 34 },
      { docs: 0, n: 0 },
    ]);
    // On FerretDB the documents are read once and summed here; elsewhere one aggregation per sum.
    expect(sums).toMatchObject({ count: onFerretDb ? 1 : 2, commands: onFerretDb ? 1 : 2 });
    // A key in an array field matches as `$in` does.
    const Tagged = conn.model('Tagged', new Schema({ _id: String, tags: [String] }), 'tagged');
    await Tagged.insertMany([
      { _id: 't1', tags: ['o1', 'x'] },
      { _id: 't2', tags: ['y'] },
    ]);
    expect((await findByKeys(Tagged, 'tags', keys)).map((d) => d._id)).toEqual(['t1']);
  });

  it('a server never detected keeps the $in shape', async () => {
    const plain = await mongoose
      .createConnection(process.env.MONGO_URL!, {
        dbName: conn.name,
        monitorCommands: true,
        autoIndex: false,
        autoCreate: false,
      })
      .asPromise();
    try {
      expect(knownDatabase(plain)).toBeUndefined();
      const many = loadManyBy(plain.model<Doc>('Doc', schema, 'docs'), 'org');
      const counter = countCommands(plain);
      expect((await Promise.all(orgs(3).map((k) => many.load(k)))).flat()).toHaveLength(6);
      expect(counter.commands).toBe(1);
      counter.stop();
    } finally {
      await plain.close();
    }
  });
});

describe('countCommands', () => {
  it('counts sequential commands as round trips, parallel ones once, and every command beside', async () => {
    const counter = countCommands(conn);
    await Doc().findById('d01').lean();
    await Promise.all(['d02', 'd03', 'd04'].map((id) => Doc().findById(id).lean()));
    await Doc().countDocuments({ org: 'o1' });
    expect(counter).toMatchObject({ count: 5, roundTrips: 3, commands: 5 });
    counter.reset();
    expect(counter).toMatchObject({ count: 0, roundTrips: 0, commands: 0 });
    counter.stop();
  });

  it('counts only what `only` admits: other work running meanwhile neither counts nor deepens the path', async () => {
    const mine = new AsyncLocalStorage<true>();
    const counter = countCommands(conn, { only: () => mine.getStore() === true });
    const others = (async () => {
      for (const id of ['d10', 'd11', 'd12', 'd13']) await Doc().findById(id).lean();
    })();
    await mine.run(true, async () => {
      await Doc().findById('d01').lean();
      await Promise.all(['d02', 'd03'].map((id) => Doc().findById(id).lean()));
    });
    await others;
    expect(counter).toMatchObject({ count: 3, roundTrips: 2, commands: 3, others: { 'find docs': 4 } });
    counter.stop();
  });
});

describe('allOf', () => {
  const explain = async (filter: Record<string, unknown>) =>
    (await conn.db!.command({ explain: { find: 'docs', filter }, verbosity: 'queryPlanner' })) as {
      filterPushdown?: boolean;
    };

  it('keeps equalities at the top, a one-value $in as an equality, a field asked twice under $and', () => {
    expect(
      allOf({ n: { $gte: 10 } }, {}, { org: { $in: ['o1'] } }, { n: { $lt: 50 }, $and: [{ _id: 'd11' }] }),
    ).toEqual({ org: 'o1', n: { $gte: 10 }, $and: [{ n: { $lt: 50 } }, { _id: 'd11' }] });
    expect(allOf({}, {})).toEqual({});
    expect(allOf({ org: { $in: ['o1', 'o2'] } })).toEqual({ org: { $in: ['o1', 'o2'] } });
  });

  it('matches what $and matches, and lets FerretDB on PostgreSQL filter the equality itself', async () => {
    const parts = [{ n: { $gte: 10 } }, { org: { $in: ['o11'] } }, { n: { $lt: 50 } }];
    const ids = async (filter: Record<string, unknown>) =>
      (await Doc().find(filter).sort({ _id: 1 }).lean()).map((d) => d._id);
    expect(await ids(allOf(...parts))).toEqual(['d11', 'd41']);
    expect(await ids({ $and: parts })).toEqual(['d11', 'd41']);
    if (orgPushedDown) {
      expect((await explain(allOf(...parts))).filterPushdown).toBe(true);
      expect((await explain({ $and: parts })).filterPushdown).toBe(false);
    }
  });
});
