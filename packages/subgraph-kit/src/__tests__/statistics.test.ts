import { randomBytes } from 'node:crypto';
import { type Connection, type Model, Schema } from 'mongoose';
import { type ChangeEvent, publishChanges } from '../events';
import { createLogger } from '../logger';
import { connectMongo, countCommands } from '../mongo';
import { createRedis, type RedisClient } from '../redis';
import {
  type StatisticsDeclaration,
  StatisticsEngine,
  type StatisticsTable,
  suppressedCells,
} from '../statistics';

interface Person {
  _id: string;
  unit: string;
  sex: 'M' | 'F';
}
/** A unionlike record for measures: an amount in fen (maybe none), its members, a yes/no mark. */
interface Grant {
  _id: string;
  unit: string;
  fen: number | null;
  members: number;
  ok: boolean;
}
interface Models {
  Person: Model<Person>;
  Grant: Model<Grant>;
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
    Grant: conn.model<Grant>(
      'Grant',
      new Schema<Grant>({ _id: String, unit: String, fen: Number, members: Number, ok: Boolean }),
    ),
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
      // A replay changes nothing. Its reads are the read model's own: a request's command count
      // (tests, the bench) leaves them out.
      const counter = countCommands(conn);
      await publishChanges(redis, keyspace, 'people', changed(['b-F-0', 'a-M-0']));
      await engine.caughtUp();
      counter.stop();
      expect(counter.count).toBe(0);
      expect(counter.others['find people']).toBeGreaterThan(0);
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

  it('a rebuild (its stream lost) and a batch of events at once: one after the other, the table current', async () => {
    const engine = await start();
    try {
      const before = await counts(engine, ['UNIT']);
      await models.Person.insertMany(people('c', 'F', 7));
      await Promise.all([
        engine.build(),
        engine.apply(changed(people('c', 'F', 7).map((p) => p._id))),
        engine.build(),
      ]);
      expect((await counts(engine, ['UNIT'])).sort()).toEqual([...before, ['c', 7]].sort());
    } finally {
      await engine.stop();
      await models.Person.deleteMany({ unit: 'c' });
    }
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

  it('never picks a cell of nobody (a sum of no members) as the partner: it is a known zero', () => {
    expect([...suppressedCells([cell(['x'], 3), cell(['y'], 0), cell(['z'], 8)], 5)].sort()).toEqual([0, 2]);
    expect([...suppressedCells([cell(['x'], 3), cell(['y'], 0)], 5)]).toEqual([0]);
  });

  it('keeps a lone cell whose line has no other cell: its margin is under k too', () => {
    expect([...suppressedCells([cell(['p', 'M'], 2), cell(['q', 'F'], 9)], 5)]).toEqual([0]);
  });

  /**
   * A table's lines by index into `cells`, built apart from the kit's own: along each dimension,
   * the cells sharing every other code (rows and columns of a two-way table).
   */
  const linesOf = (cells: readonly { codes: readonly string[] }[]) =>
    (cells[0]?.codes ?? []).flatMap((_, free) => {
      const lines = new Map<string, number[]>();
      cells.forEach((c, i) => {
        const key = c.codes.filter((__, d) => d !== free).join('/');
        lines.set(key, [...(lines.get(key) ?? []), i]);
      });
      return [...lines.values()];
    });
  /** A line gives a cell away when it hides exactly one and shows another (its total less the shown). */
  const givesAway = (lines: number[][], hidden: Set<number>) =>
    lines.filter((l) => l.filter((i) => hidden.has(i)).length === 1 && l.length > 1);
  /**
   * The hidden cells a reader pins down exactly from every line total and the grand total: those
   * whose unit vector lies in the span of the lines' incidence over the hidden cells (Gaussian
   * elimination; entries stay small integers, so floating point is exact enough).
   */
  const recoverable = (n: number, lines: number[][], hidden: Set<number>): number[] => {
    const unknowns = [...hidden];
    const equations = [...lines, Array.from({ length: n }, (_, i) => i)].map((l) =>
      unknowns.map((u) => (l.includes(u) ? 1 : 0)),
    );
    const rank = (rows: number[][]) => {
      const m = rows.map((r) => [...r]);
      let r = 0;
      for (let c = 0; c < unknowns.length && r < m.length; c++) {
        const p = m.findIndex((row, i) => i >= r && Math.abs(row[c]!) > 1e-9);
        if (p < 0) continue;
        [m[r], m[p]] = [m[p]!, m[r]!];
        for (const row of m) {
          if (row === m[r] || Math.abs(row[c]!) < 1e-9) continue;
          const f = row[c]! / m[r]![c]!;
          row.forEach((x, j) => {
            row[j] = x - f * m[r]![j]!;
          });
        }
        r++;
      }
      return r;
    };
    const known = rank(equations);
    return unknowns.filter(
      (_, j) => rank([...equations, unknowns.map((__, i) => (i === j ? 1 : 0))]) === known,
    );
  };

  /** Counties × statuses at the medium scale's shape: many active, few retired, fewer withdrawn. */
  const counties = (seed: number) => {
    let s = seed;
    const draw = (lo: number, hi: number) => {
      s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
      return lo + Math.floor((s / 2 ** 31) * (hi - lo + 1));
    };
    return Array.from({ length: 50 }, (_, c) =>
      Object.entries({ ACTIVE: draw(100, 500), RETIRED: draw(0, 8), WITHDRAWN: draw(0, 3) })
        // A status nobody of the county has is no cell of the table (GROUP BY yields none).
        .flatMap(([status, n]) => (n > 0 ? [cell([`county${c}`, status], n)] : [])),
    ).flat();
  };

  it.each([1, 2, 3, 7, 19])(
    'protects counties × statuses (seed %i) without spreading: every cell ≥ k it hides is needed',
    (seed) => {
      const cells = counties(seed);
      const lines = linesOf(cells);
      const hidden = suppressedCells(cells, 5);
      // Primary: exactly the cells under 5 persons, and among the rest only partners.
      cells.forEach((c, i) => {
        if (c.count < 5) expect(hidden.has(i)).toBe(true);
      });
      const partners = [...hidden].filter((i) => cells[i]!.count >= 5);
      expect(partners.length).toBeGreaterThan(0);
      expect(hidden.size).toBeLessThan(cells.length);
      // Each line hides none or at least two, and no hidden cell follows from the shown totals.
      expect(givesAway(lines, hidden)).toEqual([]);
      expect(recoverable(cells.length, lines, hidden)).toEqual([]);
      // Minimal per partner: showing any one of them again gives a cell away.
      for (const p of partners) {
        const without = new Set([...hidden].filter((i) => i !== p));
        expect(givesAway(lines, without).length).toBeGreaterThan(0);
      }
      // Every ACTIVE cell whose county hides nothing stands.
      const quiet = lines.filter((l) => l.every((i) => !hidden.has(i)));
      expect(quiet.length).toBeGreaterThan(0);
    },
  );

  it('protects every line of a three-way table, along each of its dimensions', () => {
    // 2 units × 2 sexes × 2 statuses, one cell under k: each of its three lines needs a partner.
    const cells = ['a', 'b'].flatMap((u) =>
      ['F', 'M'].flatMap((sex) =>
        ['ACTIVE', 'RETIRED'].map((st) =>
          cell([u, sex, st], u === 'a' && sex === 'F' && st === 'RETIRED' ? 2 : 20),
        ),
      ),
    );
    const lines = linesOf(cells);
    expect(lines).toHaveLength(12);
    const hidden = suppressedCells(cells, 5);
    expect(hidden.has(1)).toBe(true);
    expect(givesAway(lines, hidden)).toEqual([]);
    expect(recoverable(cells.length, lines, hidden)).toEqual([]);
    // The smallest pattern that closes every line through a/F/RETIRED is a 2×2×2 cube.
    expect(hidden.size).toBe(8);
  });

  it('withholds a whole table only when every row pairs a large count with one under k', () => {
    // The medium seed's counties × statuses (issue #19's bench): each county ~300 ACTIVE and 1–2
    // TRANSFERRING, and the county's total is public (groupBy: [COUNTY]), so ACTIVE would give
    // TRANSFERRING away: all 142 cells are withheld, and each one must be.
    const cells = Array.from({ length: 71 }, (_, c) => [
      cell([`county${c}`, 'ACTIVE'], 300 + c),
      cell([`county${c}`, 'TRANSFERRING'], 1 + (c % 2)),
    ]).flat();
    const lines = linesOf(cells);
    const hidden = suppressedCells(cells, 5);
    expect(hidden.size).toBe(142);
    for (const i of hidden) {
      expect(givesAway(lines, new Set([...hidden].filter((j) => j !== i))).length).toBeGreaterThan(0);
    }
    // One county without a transferring member keeps its ACTIVE cell.
    const calm = [...cells.slice(0, 140), cell(['county70', 'ACTIVE'], 370)];
    expect(suppressedCells(calm, 5).has(140)).toBe(false);
  });
});

describe('measures', () => {
  type GrantMeasure = 'FEN_SUM' | 'FEN_AVERAGE' | 'MEMBERS_SUM' | 'OK_RATE' | 'OK_RATE_OF_PAID';
  /** Records are unions (public), their members persons: the count is never withheld, MEMBERS_SUM is. */
  const grants: StatisticsDeclaration<Models, 'UNIT', GrantMeasure> = {
    tables: [
      {
        name: 'grants',
        eventType: 'Grant',
        source: (m) => m.Grant,
        projection: { unit: 1, fen: 1, members: 1, ok: 1 },
        columns: { unit: 'text', fen: 'int', members: 'int', ok: 'bool', path: 'text' },
        row: (g: Grant) => ({
          unit: g.unit,
          fen: g.fen,
          members: g.members,
          ok: g.ok,
          path: `/root/${g.unit}/`,
        }),
      },
    ],
    from: 'grants',
    path: 'path',
    counts: 'records',
    dimensions: { UNIT: { sql: 'unit', label: (code) => code } },
    measures: {
      FEN_SUM: { kind: 'SUM', sql: 'fen', label: () => '金额合计' },
      FEN_AVERAGE: {
        kind: 'AVERAGE',
        sql: 'fen',
        label: (language) => (language === 'en' ? 'Average' : '平均金额'),
      },
      MEMBERS_SUM: { kind: 'SUM', sql: 'members', persons: 'sum(members)', label: () => '会员数' },
      OK_RATE: { kind: 'RATE', sql: 'ok', label: () => '达标率' },
      OK_RATE_OF_PAID: { kind: 'RATE', sql: 'ok', of: 'fen IS NOT NULL', label: () => '有金额者达标率' },
    },
  };
  // a: 100 fen/3 members/ok, 300/4/not ok, none/2/ok; b: 1000/10/ok, 500/6/ok.
  const fixture: Grant[] = [
    { _id: 'a1', unit: 'a', fen: 100, members: 3, ok: true },
    { _id: 'a2', unit: 'a', fen: 300, members: 4, ok: false },
    { _id: 'a3', unit: 'a', fen: null, members: 2, ok: true },
    { _id: 'b1', unit: 'b', fen: 1000, members: 10, ok: true },
    { _id: 'b2', unit: 'b', fen: 500, members: 6, ok: true },
  ];
  const startWith = (d: StatisticsDeclaration<Models, 'UNIT', GrantMeasure>) =>
    StatisticsEngine.start(d, {
      models,
      redis,
      keyspace,
      subgraph: 'grants',
      log: createLogger('g', 'silent'),
    });
  /** Per row (and `*` for the table): each measure's value, or `-` when withheld. */
  const figures = (t: StatisticsTable) =>
    Object.fromEntries(
      [...t.rows.map((r) => [r.values[0]!.code, r.measures] as const), ['*', t.measures] as const].map(
        ([code, ms]) => [code, ms.map((m) => (m.suppressed ? '-' : m.value))],
      ),
    );
  beforeAll(() => models.Grant.insertMany(fixture));

  it('sums, averages (records without a value left out) and rates, per cell and for the table', async () => {
    const engine = await startWith(grants);
    try {
      const t = await engine.breakdown({ groupBy: ['UNIT'], root: null, k: null, language: 'en' });
      expect(figures(t)).toEqual({
        a: [400, 200, 9, 2 / 3, 1 / 2],
        b: [1500, 750, 16, 1, 1],
        '*': [1900, 475, 25, 4 / 5, 3 / 4],
      });
      expect(t.rows[0]!.measures[3]).toEqual({
        measure: 'OK_RATE',
        label: '达标率',
        kind: 'RATE',
        value: 2 / 3,
        rate: { numerator: 2, denominator: 3, value: 2 / 3 },
        suppressed: false,
      });
      expect(t.measures[1]).toMatchObject({ measure: 'FEN_AVERAGE', label: 'Average', rate: null });
      // A cell no record of which has a value has no average; an empty table no figures.
      const none = await engine.breakdown({ groupBy: ['UNIT'], where: { UNIT: [] }, root: null, k: null });
      expect(none.measures.map((m) => m.value)).toEqual([null, null, null, null, null]);
    } finally {
      await engine.stop();
    }
  });

  it('withholds a measure over fewer than k persons and its partner, never the unions counted', async () => {
    const engine = await startWith(grants);
    try {
      // k = 9: a's 9 members stand. k = 10: a's 9 go, and b's 16 with them, lest 25 − 16 give 9.
      const nine = await engine.breakdown({ groupBy: ['UNIT'], root: null, k: 9 });
      expect(figures(nine)).toEqual({
        a: [400, 200, 9, 2 / 3, 1 / 2],
        b: [1500, 750, 16, 1, 1],
        '*': [1900, 475, 25, 4 / 5, 3 / 4],
      });
      const ten = await engine.breakdown({ groupBy: ['UNIT'], root: null, k: 10 });
      expect(figures(ten)).toEqual({
        a: [400, 200, '-', 2 / 3, 1 / 2],
        b: [1500, 750, '-', 1, 1],
        '*': [1900, 475, 25, 4 / 5, 3 / 4],
      });
      expect(ten.rows.map((r) => [r.count, r.suppressed])).toEqual([
        [3, false],
        [2, false],
      ]);
      expect(ten.rows[0]!.measures[2]).toMatchObject({ value: null, rate: null, suppressed: true });
      // Fewer than k persons in the whole table: its total goes too (25 vs 26).
      expect(figures(await engine.breakdown({ groupBy: ['UNIT'], root: null, k: 26 }))['*']).toEqual([
        1900,
        475,
        '-',
        4 / 5,
        3 / 4,
      ]);
    } finally {
      await engine.stop();
    }
  });

  it('hides every measure of a cell suppressed for its count', async () => {
    // Counting persons now: a counts 3 and b 2, both under k = 4; the table's 5 stand.
    const engine = await startWith({ ...grants, counts: 'persons' });
    try {
      const t = await engine.breakdown({ groupBy: ['UNIT'], root: null, k: 4 });
      expect(t.rows.map((r) => r.count)).toEqual([null, null]);
      expect(figures(t)).toEqual({
        a: ['-', '-', '-', '-', '-'],
        b: ['-', '-', '-', '-', '-'],
        '*': [1900, 475, 25, 4 / 5, 3 / 4],
      });
      expect(
        (await engine.breakdown({ groupBy: ['UNIT'], root: null, k: 6 })).measures.every((m) => m.suppressed),
      ).toBe(true);
    } finally {
      await engine.stop();
    }
  });
});
