import { randomUUID } from 'node:crypto';
import {
  type DuckDBConnection,
  DuckDBInstance,
  type DuckDBType,
  type DuckDBValue,
  LIST,
  listValue,
  VARCHAR,
} from '@duckdb/node-api';
import type { Model } from 'mongoose';
import { today } from '../calendar';
import { type ChangeEvent, type Consumer, groupInfo, startConsumer, streamKey } from '../events';
import { findByKeys } from '../loaders';
import type { Logger } from '../logger';
import type { Language } from '../messages';
import { inBackground } from '../mongo';
import type { RedisClient } from '../redis';
import { withheldCells } from './suppression';

/**
 * A column of a fact table: DuckDB's VARCHAR, INTEGER, BIGINT (amounts in fen) or BOOLEAN (dates
 * as yyyymmdd integers).
 */
export type ColumnKind = 'text' | 'int' | 'bigint' | 'bool';
export type ColumnValue = string | number | boolean | null;

/**
 * One table of a subgraph's read model, copied from one of its own collections (or from the org
 * directory it keeps): rebuilt whole at start, and per record when an event names it.
 */
export interface FactTable<TModels> {
  /** The DuckDB table; its first column is `id`, the document's `_id`. */
  name: string;
  /** The change event type whose ids are this table's records (`Member`, `Organization`). */
  eventType: string;
  /**
   * The document field those ids are (the `id` column holds it); `_id` when absent. A coverage is
   * named by its unit's `HostUnit` event, so its table is keyed by `unitId`.
   */
  key?: string;
  // biome-ignore lint/suspicious/noExplicitAny: each table reads its own collection's documents
  source: (models: TModels) => Model<any>;
  /** The document fields `row` reads, so the copy never loads more of a person than it keeps. */
  projection: Record<string, 1>;
  columns: Record<string, ColumnKind>;
  /** The document's row; a table whose documents hold several records gives `rows` instead. */
  // biome-ignore lint/suspicious/noExplicitAny: each table reads its own collection's documents
  row?: (doc: any) => Record<string, ColumnValue>;
  /**
   * The document's rows, all keyed by its id (a posting's lines): replaced together when an event
   * names it. The `id` column is then no primary key.
   */
  // biome-ignore lint/suspicious/noExplicitAny: each table reads its own collection's documents
  rows?: (doc: any) => Record<string, ColumnValue>[];
}

/** A date as a fact table keeps it: the integer yyyymmdd of its UTC day (null stays null). */
export function dayNumber(d: Date | null | undefined): number | null {
  return d ? d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate() : null;
}

/** A way to group records: a SQL expression giving a code, and the code's label for a reader. */
export interface Dimension {
  /** VARCHAR codes; `{today}` stands for today's date in China as the integer yyyymmdd. */
  sql: string;
  label: (code: string, language: Language | undefined) => string;
}

export type MeasureKind = 'SUM' | 'AVERAGE' | 'RATE';

/**
 * A figure of a cell besides its count: the sum or the average of a numeric SQL expression
 * (amounts in fen, members of a union), or a rate — the records meeting a condition over those
 * it applies to.
 */
export interface Measure {
  kind: MeasureKind;
  /** SUM, AVERAGE: a numeric SQL expression (nulls left out); RATE: a BOOLEAN one, the numerator's records. */
  sql: string;
  /** RATE only: the records the denominator counts (a BOOLEAN SQL expression, the numerator's too); all when absent. */
  of?: string;
  /**
   * RATE only: a numeric SQL expression weighing each record (an amount in fen), so the rate is
   * of amounts — the numerator's records' sum over the denominator's — instead of record counts.
   */
  weight?: string;
  label: (language: Language | undefined) => string;
  /**
   * When the figure is about persons: a SQL aggregate giving how many persons it is computed over
   * in a cell (`count(m.birth)` for an average age, `sum(o.members)` for a sum of members), adding
   * up across cells. An analyst never reads it over fewer than k persons, nor where it could be
   * recovered by subtraction. Absent: the figure is about no persons (unions, postings) and is
   * withheld only where its cell is.
   */
  persons?: string;
}

/**
 * A subgraph's statistics, declared once (its `src/statistics.ts`): the tables copied into the
 * embedded DuckDB, how they join, where each record's union path is, the dimensions and measures.
 */
export interface StatisticsDeclaration<TModels, D extends string = string, M extends string = string> {
  tables: FactTable<TModels>[];
  /** The FROM clause over `tables` that every breakdown reads. */
  from: string;
  /** A SQL expression: `/`-joined ids of the record's union and its ancestors, `/` around each. */
  path: string;
  dimensions: Record<D, Dimension>;
  /** Figures each row carries besides its count, in this order (issue #19). */
  measures?: Record<M, Measure>;
  /**
   * What a row's count counts. `persons` (the default): an analyst's cells under k are withheld.
   * `records`: public registry facts (unions), never withheld for their count; the persons some
   * measures are about are still held to k (see Measure.persons).
   */
  counts?: 'persons' | 'records';
}

export interface BreakdownQuery<D extends string> {
  groupBy: readonly D[];
  /** Codes each dimension must have (any of them); an empty list matches nothing. */
  where?: Partial<Record<D, readonly string[]>>;
  /** The union whose subtree is counted; null: the whole country. */
  root: string | null;
  /** The largest rows only (after suppression, so the choice reveals no hidden count). */
  top?: number | null;
  /** Disclosure control: cells under `k` persons are suppressed; null: none (a writer's view). */
  k: number | null;
  /**
   * What this table's count counts, where one declaration holds several subjects (cadres and their
   * unions): the declaration's `counts` when absent.
   */
  counts?: 'persons' | 'records';
  /**
   * Withhold the whole table from a reader held to `k`, as one counting under k: its scope's own
   * count is withheld elsewhere (a union's subtree, by complementary suppression over the tree).
   */
  withhold?: boolean;
  language?: Language;
}

export interface DimensionValue {
  dimension: string;
  code: string;
  label: string;
}

export interface StatisticsRow {
  values: DimensionValue[];
  /** Null when suppressed. */
  count: number | null;
  /** The row's part of the table's total; null when either is withheld. */
  share: Rate | null;
  /** The declaration's measures of this cell, in its order. */
  measures: MeasureValue[];
  suppressed: boolean;
}

/** A measure of a cell (or of the whole table), as every subgraph's `StatisticsMeasure`. */
export interface MeasureValue {
  measure: string;
  label: string;
  kind: MeasureKind;
  /** Null when withheld, or when no record of the cell has a value. */
  value: number | null;
  /** A rate's numerator and denominator; null for sums and averages, and when withheld. */
  rate: Rate | null;
  suppressed: boolean;
}

export interface Rate {
  numerator: number;
  denominator: number;
  value: number;
}

export interface StatisticsTable {
  rows: StatisticsRow[];
  /** Null when the whole table counts fewer than k persons. */
  total: number | null;
  /** The measures over the whole table. */
  measures: MeasureValue[];
  suppressedCells: number;
  minimumCount: number | null;
  /** Every change published before this instant is counted. */
  asOf: Date;
}

/** What a resolver, a test or a benchmark asks of a subgraph's read model. */
export interface Statistics<D extends string = string> {
  breakdown(q: BreakdownQuery<D>): Promise<StatisticsTable>;
  /** Resolves once every change published before the call is in the read model. */
  caughtUp(): Promise<void>;
  /** Grows whenever the read model changes: what is derived from it is cached per version. */
  version(): number;
  asOf(): Promise<Date>;
  memoryBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** Rows of an incremental update per INSERT statement. */
const INSERT_CHUNK = 200;
const TEXT_LIST = LIST(VARCHAR);
const SQL_TYPE: Record<ColumnKind, string> = {
  text: 'VARCHAR',
  int: 'INTEGER',
  bigint: 'BIGINT',
  bool: 'BOOLEAN',
};

/**
 * A subgraph's columnar read model: an in-memory DuckDB holding copies of its own collections,
 * built at start and kept current from its own change stream (issue #19). Events carry ids only
 * for this purpose: the named documents are read again from the subgraph's database, batched, so
 * a replay or an out-of-order delivery leaves the current state. Each replica keeps its own copy
 * and reads the whole stream through a consumer group of its own, starting after the last entry
 * written before the build, so nothing published meanwhile is missed (a change seen twice is
 * harmless). A restart rebuilds; the group of a replica that crashed stays behind in Redis, idle.
 */
export class StatisticsEngine<TModels, D extends string = string, M extends string = string>
  implements Statistics<D>
{
  private consumer?: Consumer;
  private lastApplied = new Date(0);
  private changes = 0;
  /**
   * The writer connection's work in order: a rebuild after the stream was lost (onStreamLost) runs
   * beside the consumer's batches, and interleaved on one connection they would append a row twice
   * or delete into a table being replaced.
   */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly declaration: StatisticsDeclaration<TModels, D, M>,
    private readonly models: TModels,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly stream: { redis: RedisClient; key: string; group: string },
  ) {}

  static async start<TModels, D extends string, M extends string>(
    declaration: StatisticsDeclaration<TModels, D, M>,
    opts: { models: TModels; redis: RedisClient; keyspace: string; subgraph: string; log: Logger },
  ): Promise<StatisticsEngine<TModels, D, M>> {
    const instance = await DuckDBInstance.create(':memory:');
    const [writer, reader] = await Promise.all([instance.connect(), instance.connect()]);
    const key = streamKey(opts.keyspace, opts.subgraph);
    const group = `${opts.subgraph}:statistics:${randomUUID()}`;
    // Read before the build: whatever is appended after this entry is read from the stream.
    const after = (await opts.redis.xrevrange(key, '+', '-', 'COUNT', 1))[0]?.[0] ?? '0-0';
    const engine = new StatisticsEngine(declaration, opts.models, instance, writer, reader, {
      redis: opts.redis,
      key,
      group,
    });
    await engine.build();
    engine.consumer = await startConsumer({
      redis: opts.redis,
      keyspace: opts.keyspace,
      source: opts.subgraph,
      group,
      after,
      consumer: group,
      handle: (events) => inBackground(() => engine.apply(events)),
      onError: (err) => opts.log.error({ err }, 'statistics read model update failed; retrying'),
      // A stream lost with Redis lost its events too: only a rebuild is current again.
      onStreamLost: () =>
        void inBackground(() => engine.build()).catch((err) => opts.log.error({ err }, 'rebuild failed')),
    });
    return engine;
  }

  private exclusive(work: () => Promise<void>): Promise<void> {
    const done = this.writing.then(work, work);
    this.writing = done.catch(() => {});
    return done;
  }

  /** Copies every table whole from the database, replacing what was held. */
  build(): Promise<void> {
    return this.exclusive(() => this.copyAll());
  }

  private async copyAll(): Promise<void> {
    const readAt = new Date();
    for (const t of this.declaration.tables) {
      const columns = Object.entries(t.columns)
        .map(([name, kind]) => `${name} ${SQL_TYPE[kind]}`)
        .join(', ');
      const id = t.rows ? 'id VARCHAR' : 'id VARCHAR PRIMARY KEY';
      await this.writer.run(`CREATE OR REPLACE TABLE ${t.name} (${id}, ${columns})`);
      const appender = await this.writer.createAppender(t.name);
      for await (const doc of t.source(this.models).find({}, projectionOf(t)).lean().cursor()) {
        for (const row of rowsOf(t, doc)) {
          appender.appendVarchar(String((doc as Record<string, unknown>)[t.key ?? '_id']));
          for (const [name, kind] of Object.entries(t.columns)) {
            const v = row[name];
            if (v === null || v === undefined) appender.appendNull();
            else if (kind === 'int') appender.appendInteger(Number(v));
            else if (kind === 'bigint') appender.appendBigInt(BigInt(v));
            else if (kind === 'bool') appender.appendBoolean(Boolean(v));
            else appender.appendVarchar(String(v));
          }
          appender.endRow();
        }
      }
      appender.closeSync();
    }
    this.lastApplied = readAt;
    this.changes += 1;
  }

  /** Reads again the records the events name, per table, and replaces their rows in one transaction. */
  apply(events: readonly ChangeEvent[]): Promise<void> {
    return this.exclusive(() => this.replaceRows(events));
  }

  private async replaceRows(events: readonly ChangeEvent[]): Promise<void> {
    const readAt = new Date();
    for (const t of this.declaration.tables) {
      const ids = [...new Set(events.filter((e) => e.type === t.eventType).map((e) => e.id))];
      if (ids.length === 0) continue;
      const model = t.source(this.models);
      const key = t.key ?? '_id';
      const docs: Record<string, unknown>[] = await findByKeys(model, key, ids, {
        projection: projectionOf(t),
      });
      const names = ['id', ...Object.keys(t.columns)];
      const rows = docs.flatMap((d) =>
        rowsOf(t, d).map((r) => [String(d[key]), ...Object.values(pick(r, t.columns))]),
      );
      await this.writer.run('BEGIN TRANSACTION');
      try {
        await this.writer.run(
          `DELETE FROM ${t.name} WHERE id IN (SELECT unnest($ids))`,
          {
            ids: listOf(ids),
          },
          { ids: TEXT_LIST },
        );
        for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
          const chunk = rows.slice(i, i + INSERT_CHUNK);
          const tuples = chunk.map(() => `(${names.map(() => '?').join(', ')})`).join(', ');
          await this.writer.run(`INSERT INTO ${t.name} (${names.join(', ')}) VALUES ${tuples}`, chunk.flat());
        }
        await this.writer.run('COMMIT');
      } catch (e) {
        await this.writer.run('ROLLBACK');
        throw e;
      }
    }
    this.lastApplied = readAt;
    this.changes += 1;
  }

  version(): number {
    return this.changes;
  }

  caughtUp(): Promise<void> {
    return this.consumer?.caughtUp() ?? Promise.resolve();
  }

  /**
   * How fresh an answer is: now, when this replica's group has nothing unread or unacknowledged;
   * else when it last read what it applied.
   */
  async asOf(): Promise<Date> {
    const now = new Date();
    const mine = await groupInfo(this.stream.redis, this.stream.key, this.stream.group);
    return mine && mine.pending === 0 && mine.lag === 0 ? now : this.lastApplied;
  }

  /** Counts per combination of the dimensions, within the subtree, filtered, under disclosure control. */
  async breakdown(q: BreakdownQuery<D>): Promise<StatisticsTable> {
    const asOf = await this.asOf();
    const dims = q.groupBy.map((d) => this.declaration.dimensions[d]);
    const params: Record<string, DuckDBValue> = {};
    const types: Record<string, DuckDBType> = {};
    const conditions: string[] = [];
    if (q.root !== null) {
      conditions.push(`contains(${this.declaration.path}, $root)`);
      params.root = `/${q.root}/`;
    }
    Object.entries(q.where ?? {}).forEach(([d, codes], i) => {
      const dim = this.declaration.dimensions[d as D];
      conditions.push(`(${dim.sql}) IN (SELECT unnest($w${i}))`);
      params[`w${i}`] = listOf(codes as string[]);
      // An empty list has no item type of its own.
      types[`w${i}`] = TEXT_LIST;
    });
    const keys = dims.map((d, i) => `coalesce((${d.sql}), 'unknown') AS d${i}`);
    const measures = Object.entries<Measure>(this.declaration.measures ?? ({} as Record<M, Measure>));
    const sql = `SELECT ${[...keys, 'count(*)::INTEGER AS n', ...measures.flatMap(([, m]) => measureSql(m))].join(', ')} FROM ${
      this.declaration.from
    }${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}${dims.length ? ` GROUP BY ALL` : ''}`;
    const day = today().toISOString().slice(0, 10).replaceAll('-', '');
    const result = await this.reader.runAndReadAll(sql.replaceAll('{today}', day), params, types);
    const cells: Aggregate[] = result.getRows().map((r) => ({
      codes: r.slice(0, dims.length).map(String),
      count: Number(r[dims.length]),
      parts: r.slice(dims.length + 1).map((v) => (v === null ? null : Number(v))),
    }));
    const whole = sumOf(cells);
    const k = q.k;
    const personsCounted = (q.counts ?? this.declaration.counts ?? 'persons') === 'persons';
    const tooFew =
      k !== null && personsCounted && ((whole.count > 0 && whole.count < k) || q.withhold === true);
    const hidden = k === null || !personsCounted ? new Set<number>() : withheldCells(cells, k, { tooFew });
    // A measure about persons is withheld where its cell is, and where it, or what would recover
    // it by subtraction, is computed over fewer than k persons.
    const measureHidden = measures.map(([, m], j) => {
      if (k === null || m.persons === undefined) return { cells: hidden, whole: tooFew };
      const persons = cells.map((c) => ({ codes: c.codes, count: personsOf(c, measures, j) }));
      const all = personsOf(whole, measures, j);
      const few = tooFew || (all > 0 && all < k);
      return { cells: withheldCells(persons, k, { tooFew: few, withheld: hidden }), whole: few };
    });
    const valuesOf = (c: Aggregate, hide: (j: number) => boolean) =>
      measures.map(([code, m], j) => measureValue(code, m, c.parts, measures, j, hide(j), q.language));
    const rows = cells
      .map((c, i) => ({
        values: c.codes.map((code, d) => ({
          dimension: q.groupBy[d]!,
          code,
          label: dims[d]!.label(code, q.language),
        })),
        count: hidden.has(i) ? null : c.count,
        share:
          hidden.has(i) || tooFew
            ? null
            : { numerator: c.count, denominator: whole.count, value: c.count / whole.count },
        measures: valuesOf(c, (j) => measureHidden[j]!.cells.has(i)),
        suppressed: hidden.has(i),
      }))
      // Suppressed rows sort as if empty: their place would tell their size.
      .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || compareCodes(a.values, b.values))
      .slice(0, q.top ?? undefined);
    return {
      rows,
      total: tooFew ? null : whole.count,
      measures: valuesOf(whole, (j) => measureHidden[j]!.whole),
      suppressedCells: hidden.size,
      minimumCount: k,
      asOf,
    };
  }

  /** Bytes DuckDB holds for the read model. */
  async memoryBytes(): Promise<number> {
    const r = await this.reader.runAndReadAll('SELECT sum(memory_usage_bytes)::BIGINT FROM duckdb_memory()');
    return Number(r.getRows()[0]?.[0] ?? 0);
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
    await this.stream.redis.xgroup('DESTROY', this.stream.key, this.stream.group).catch(() => undefined);
    this.reader.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }
}

/** A cell as read: its codes, its count, and the columns of `measureSql` for each measure. */
interface Aggregate {
  codes: string[];
  count: number;
  parts: (number | null)[];
}

/** Columns per measure: its figure's parts (additive across cells), then its persons if declared. */
const PARTS: Record<MeasureKind, number> = { SUM: 1, AVERAGE: 2, RATE: 2 };

function measureSql(m: Measure): string[] {
  const parts =
    m.kind === 'SUM'
      ? [`sum(${m.sql})::DOUBLE`]
      : m.kind === 'AVERAGE'
        ? [`sum(${m.sql})::DOUBLE`, `count(${m.sql})::BIGINT`]
        : rateSql(m);
  return m.persons === undefined ? parts : [...parts, `coalesce(${m.persons}, 0)::BIGINT`];
}

/** A rate's numerator and denominator: records counted, or their weights summed (DOUBLE, as SUM measures are). */
function rateSql(m: Measure): string[] {
  const numerator = m.of ? `(${m.of}) AND (${m.sql})` : m.sql;
  if (m.weight === undefined)
    return [`count_if(${numerator})::BIGINT`, m.of ? `count_if(${m.of})::BIGINT` : 'count(*)::BIGINT'];
  const sum = (condition?: string) =>
    `coalesce(sum(${m.weight})${condition ? ` FILTER (WHERE ${condition})` : ''}, 0)::DOUBLE`;
  return [sum(numerator), sum(m.of)];
}

/** Where measure `j`'s columns start among a cell's parts. */
function offsetOf(measures: readonly [string, Measure][], j: number): number {
  return measures.slice(0, j).reduce((n, [, m]) => n + PARTS[m.kind] + (m.persons === undefined ? 0 : 1), 0);
}

function personsOf(c: Aggregate, measures: readonly [string, Measure][], j: number): number {
  return c.parts[offsetOf(measures, j) + PARTS[measures[j]![1].kind]] ?? 0;
}

/** The whole table: every part is a sum or a count, so the cells add up to it. */
function sumOf(cells: readonly Aggregate[]): Aggregate {
  const width = cells[0]?.parts.length ?? 0;
  return {
    codes: [],
    count: cells.reduce((n, c) => n + c.count, 0),
    parts: Array.from({ length: width }, (_, p) =>
      cells.some((c) => c.parts[p] !== null) ? cells.reduce((n, c) => n + (c.parts[p] ?? 0), 0) : null,
    ),
  };
}

function measureValue(
  code: string,
  m: Measure,
  parts: readonly (number | null)[],
  measures: readonly [string, Measure][],
  j: number,
  suppressed: boolean,
  language: Language | undefined,
): MeasureValue {
  const at = offsetOf(measures, j);
  const [a = null, b = null] = parts.slice(at, at + PARTS[m.kind]);
  const rate = m.kind === 'RATE' && b ? { numerator: a ?? 0, denominator: b, value: (a ?? 0) / b } : null;
  const value =
    m.kind === 'SUM' ? a : m.kind === 'AVERAGE' ? (b ? (a ?? 0) / b : null) : (rate?.value ?? null);
  return {
    measure: code,
    label: m.label(language),
    kind: m.kind,
    value: suppressed ? null : value,
    rate: suppressed ? null : rate,
    suppressed,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: any table's models
function rowsOf(t: FactTable<any>, doc: unknown): Record<string, ColumnValue>[] {
  return t.rows ? t.rows(doc) : [t.row!(doc)];
}

// biome-ignore lint/suspicious/noExplicitAny: any table's models
function projectionOf(t: FactTable<any>): Record<string, 1> {
  return t.key ? { ...t.projection, [t.key]: 1 } : t.projection;
}

function pick(
  row: Record<string, ColumnValue>,
  columns: Record<string, ColumnKind>,
): Record<string, ColumnValue> {
  return Object.fromEntries(Object.keys(columns).map((c) => [c, row[c] ?? null]));
}

function listOf(values: readonly string[]): DuckDBValue {
  return listValue([...values]);
}

function compareCodes(a: DimensionValue[], b: DimensionValue[]): number {
  return a
    .map((v) => v.code)
    .join('\u0000')
    .localeCompare(b.map((v) => v.code).join('\u0000'));
}
