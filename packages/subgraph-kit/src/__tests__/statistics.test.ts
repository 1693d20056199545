import { randomBytes } from 'node:crypto';
import { type Connection, type Model, Schema } from 'mongoose';
import { type ChangeEvent, publishChanges } from '../events';
import { createLogger } from '../logger';
import { connectMongo } from '../mongo';
import { createRedis, type RedisClient } from '../redis';
import { type StatisticsDeclaration, StatisticsEngine, suppressedCells } from '../statistics';

interface Person {
  _id: string;
  unit: string;
  sex: 'M' | 'F';
}
interface Models {
  Person: Model<Person>;
}

let conn: Connection;
let redis: RedisClient;
let models: Models;
const keyspace = `stat${randomBytes(4).toString('hex')}:`;
beforeAll(async () => {
  conn = await connectMongo(process.env.MONGO_URL!, `statistics_${randomBytes(4).toString('hex')}`);
  redis = createRedis(process.env.REDIS_URL!, 'statistics-test', {});
  models = {
    Person: conn.model<Person>('Person', new Schema<Person>({ _id: String, unit: String, sex: String })),
  };
});
afterAll(async () => {
  await conn.dropDatabase();
  await conn.close();
  redis.disconnect();
});

/** Two units under one root; persons carry their unit, and the unit's path lives in the row. */
const declaration: StatisticsDeclaration<Models, 'UNIT' | 'SEX'> = {
  tables: [
    {
      name: 'persons',
      eventType: 'Person',
      source: (m) => m.Person,
      projection: { unit: 1, sex: 1 },
      columns: { unit: 'text', sex: 'text', path: 'text' },
      row: (p: Person) => ({ unit: p.unit, sex: p.sex, path: `/root/${p.unit}/` }),
    },
  ],
  from: 'persons',
  path: 'path',
  dimensions: {
    UNIT: { sql: 'unit', label: (code) => `单位${code}` },
    SEX: { sql: 'sex', label: (code) => (code === 'F' ? '女' : '男') },
  },
};

const start = () =>
  StatisticsEngine.start(declaration, {
    models,
    redis,
    keyspace,
    subgraph: 'people',
    log: createLogger('statistics-test', 'silent'),
  });
const people = (unit: string, sex: 'M' | 'F', n: number, from = 0): Person[] =>
  Array.from({ length: n }, (_, i) => ({ _id: `${unit}-${sex}-${from + i}`, unit, sex }));
const changed = (ids: string[], op: 'upsert' | 'delete' = 'upsert'): ChangeEvent[] =>
  ids.map((id) => ({ type: 'Person', id, op, version: 1 }));
const counts = async (
  engine: StatisticsEngine<Models>,
  groupBy: ('UNIT' | 'SEX')[],
  root: string | null = null,
) =>
  (await engine.breakdown({ groupBy, root, k: null })).rows.map((r) => [
    ...r.values.map((v) => v.code),
    r.count,
  ]);

describe('the statistics read model', () => {
  it('builds from the collection, follows events by re-reading the documents, and rebuilds on restart', async () => {
    await models.Person.insertMany([...people('a', 'F', 6), ...people('a', 'M', 3), ...people('b', 'M', 2)]);
    const engine = await start();
    try {
      expect(await counts(engine, ['UNIT', 'SEX'])).toEqual([
        ['a', 'F', 6],
        ['a', 'M', 3],
        ['b', 'M', 2],
      ]);
      const table = await engine.breakdown({ groupBy: ['UNIT'], root: null, k: null });
      expect(table.rows[0]).toMatchObject({
        values: [{ dimension: 'UNIT', code: 'a', label: '单位a' }],
        count: 9,
        share: { numerator: 9, denominator: 11 },
      });
      expect(table.total).toBe(11);

      // Written without an event: not counted until one names it; the event's data is not read.
      await models.Person.insertMany(people('b', 'F', 4));
      await models.Person.deleteOne({ _id: 'a-M-0' });
      expect(await counts(engine, ['UNIT'])).toEqual([
        ['a', 9],
        ['b', 2],
      ]);
      await publishChanges(redis, keyspace, 'people', [
        ...changed(people('b', 'F', 4).map((p) => p._id)),
        ...changed(['a-M-0'], 'delete'),
        // An event of another type names nothing the read model keeps.
        { type: 'Unit', id: 'b', op: 'upsert', version: 1 },
      ]);
      await engine.caughtUp();
      expect(await counts(engine, ['UNIT'])).toEqual([
        ['a', 8],
        ['b', 6],
      ]);
      // A replay changes nothing.
      await publishChanges(redis, keyspace, 'people', changed(['b-F-0', 'a-M-0']));
      await engine.caughtUp();
      expect(await counts(engine, ['UNIT'])).toEqual([
        ['a', 8],
        ['b', 6],
      ]);
      expect(await engine.memoryBytes()).toBeGreaterThan(0);
    } finally {
      await engine.stop();
    }

    // A change while no replica runs is in the rebuild.
    await models.Person.insertMany(people('a', 'M', 1, 10));
    const again = await start();
    try {
      expect(await counts(again, ['UNIT'])).toEqual([
        ['a', 9],
        ['b', 6],
      ]);
    } finally {
      await again.stop();
    }
  });

  it('says how fresh an answer is: now when caught up, else the last read it applied', async () => {
    const engine = await start();
    try {
      const before = Date.now();
      await publishChanges(redis, keyspace, 'people', changed(['a-F-0']));
      await engine.caughtUp();
      const table = await engine.breakdown({ groupBy: ['SEX'], root: null, k: null });
      expect(table.asOf.getTime()).toBeGreaterThanOrEqual(before);
      expect(table.asOf.getTime()).toBeLessThanOrEqual(Date.now());
    } finally {
      await engine.stop();
    }
    // Its consumer group goes with it.
    const groups = (await redis.xinfo('GROUPS', `${keyspace}events:people`)) as unknown[][];
    expect(groups.filter((g) => String(g[1]).startsWith('people:statistics:'))).toEqual([]);
  });

  it('counts a subtree, filters by codes, and keeps the largest rows', async () => {
    const engine = await start();
    try {
      const b = await engine.breakdown({ groupBy: ['SEX'], root: 'b', k: null });
      expect(b.rows.map((r) => [r.values[0]!.code, r.count])).toEqual([
        ['F', 4],
        ['M', 2],
      ]);
      expect((await engine.breakdown({ groupBy: ['SEX'], root: 'nowhere', k: null })).total).toBe(0);
      const women = await engine.breakdown({ groupBy: ['UNIT'], where: { SEX: ['F'] }, root: null, k: null });
      expect(women.rows.map((r) => [r.values[0]!.code, r.count])).toEqual([
        ['a', 6],
        ['b', 4],
      ]);
      expect(
        (await engine.breakdown({ groupBy: ['UNIT'], where: { SEX: [] }, root: null, k: null })).rows,
      ).toEqual([]);
      const top = await engine.breakdown({ groupBy: ['UNIT', 'SEX'], root: null, k: null, top: 2 });
      expect(top.rows.map((r) => r.count)).toEqual([6, 4]);
    } finally {
      await engine.stop();
    }
  });

  it('withholds cells under k, and a partner wherever a margin would give one away', async () => {
    const engine = await start();
    try {
      // a: F 6, M 3; b: F 4, M 2 (total 15). With k = 5: a/M, b/F and b/M are under k; b/F and b/M
      // share unit b's line, a/M is alone in unit a's line and in the M column with b/M (two
      // withheld), so a/F goes too, lest unit a's total minus a/F give a/M.
      const t = await engine.breakdown({ groupBy: ['UNIT', 'SEX'], root: null, k: 5 });
      expect(t.rows.map((r) => [...r.values.map((v) => v.code), r.count, r.suppressed])).toEqual([
        ['a', 'F', null, true],
        ['a', 'M', null, true],
        ['b', 'F', null, true],
        ['b', 'M', null, true],
      ]);
      expect(t).toMatchObject({ total: 15, suppressedCells: 4, minimumCount: 5 });
      expect(t.rows.every((r) => r.share === null)).toBe(true);
      // One dimension: b (6) and a (9) stand; a table under k hides its total too.
      expect((await engine.breakdown({ groupBy: ['UNIT'], root: null, k: 5 })).suppressedCells).toBe(0);
      const small = await engine.breakdown({ groupBy: ['SEX'], root: 'b', k: 7 });
      expect(small).toMatchObject({ total: null, suppressedCells: 2 });
    } finally {
      await engine.stop();
    }
  });
});

describe('complementary suppression', () => {
  const cell = (codes: string[], count: number) => ({ codes, count });

  it('suppresses exactly the cells under k when every line already hides two or none', () => {
    // k = 5 at its boundary: 4 is hidden, 5 is shown.
    const cells = [cell(['x'], 4), cell(['y'], 3), cell(['z'], 5)];
    expect([...suppressedCells(cells, 5)].sort()).toEqual([0, 1]);
  });

  it('adds the smallest other cell of a line with one, so its total minus the rest reveals nothing', () => {
    const cells = [cell(['x'], 4), cell(['y'], 9), cell(['z'], 7)];
    const hidden = suppressedCells(cells, 5);
    expect([...hidden].sort()).toEqual([0, 2]);
    // Recovery by subtraction: the total less the shown cells leaves two unknowns.
    const shown = cells.filter((_, i) => !hidden.has(i)).reduce((n, c) => n + c.count, 0);
    expect(20 - shown).toBe(11);
  });

  it('runs to a fixed point across rows and columns of a two-way table', () => {
    //        M   F
    //  p     3  10
    //  q    20  30
    //  r    40  50
    const cells = [
      cell(['p', 'M'], 3),
      cell(['p', 'F'], 10),
      cell(['q', 'M'], 20),
      cell(['q', 'F'], 30),
      cell(['r', 'M'], 40),
      cell(['r', 'F'], 50),
    ];
    const hidden = suppressedCells(cells, 5);
    expect([...hidden].sort()).toEqual([0, 1, 2, 3]);
    // Every row and column holds none or at least two withheld cells.
    for (const free of [0, 1]) {
      const lines = new Map<string, number>();
      cells.forEach((c, i) => {
        const key = c.codes[1 - free]!;
        lines.set(key, (lines.get(key) ?? 0) + (hidden.has(i) ? 1 : 0));
      });
      for (const n of lines.values()) expect(n === 0 || n >= 2).toBe(true);
    }
  });

  it('keeps a lone cell whose line has no other cell: its margin is under k too', () => {
    expect([...suppressedCells([cell(['p', 'M'], 2), cell(['q', 'F'], 9)], 5)]).toEqual([0]);
  });
});
