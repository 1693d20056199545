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
import { type ChangeEvent, type Consumer, startConsumer, streamKey } from '../events';
import { queryByKeys } from '../loaders';
import type { Logger } from '../logger';
import type { Language } from '../messages';
import type { RedisClient } from '../redis';
import { suppressedCells } from './suppression';

/** A column of a fact table: DuckDB's VARCHAR, INTEGER or BOOLEAN (dates as yyyymmdd integers). */
export type ColumnKind = 'text' | 'int' | 'bool';
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
  // biome-ignore lint/suspicious/noExplicitAny: each table reads its own collection's documents
  source: (models: TModels) => Model<any>;
  /** The document fields `row` reads, so the copy never loads more of a person than it keeps. */
  projection: Record<string, 1>;
  columns: Record<string, ColumnKind>;
  // biome-ignore lint/suspicious/noExplicitAny: each table reads its own collection's documents
  row: (doc: any) => Record<string, ColumnValue>;
}

/** A way to group records: a SQL expression giving a code, and the code's label for a reader. */
export interface Dimension {
  /** VARCHAR codes; `{today}` stands for today's date in China as the integer yyyymmdd. */
  sql: string;
  label: (code: string, language: Language | undefined) => string;
}

/**
 * A subgraph's statistics, declared once (its `src/statistics.ts`): the tables copied into the
 * embedded DuckDB, how they join, where each record's union path is, and the dimensions.
 */
export interface StatisticsDeclaration<TModels, D extends string = string> {
  tables: FactTable<TModels>[];
  /** The FROM clause over `tables` that every breakdown reads. */
  from: string;
  /** A SQL expression: `/`-joined ids of the record's union and its ancestors, `/` around each. */
  path: string;
  dimensions: Record<D, Dimension>;
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
  asOf(): Promise<Date>;
  memoryBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** Rows of an incremental update per INSERT statement. */
const INSERT_CHUNK = 200;
const TEXT_LIST = LIST(VARCHAR);
const SQL_TYPE: Record<ColumnKind, string> = { text: 'VARCHAR', int: 'INTEGER', bool: 'BOOLEAN' };

/**
 * A subgraph's columnar read model: an in-memory DuckDB holding copies of its own collections,
 * built at start and kept current from its own change stream (issue #19). Events carry ids only
 * for this purpose: the named documents are read again from the subgraph's database, batched, so
 * a replay or an out-of-order delivery leaves the current state. Each replica keeps its own copy
 * and reads the whole stream through a consumer group of its own, starting after the last entry
 * written before the build, so nothing published meanwhile is missed (a change seen twice is
 * harmless). A restart rebuilds; the group of a replica that crashed stays behind in Redis, idle.
 */
export class StatisticsEngine<TModels, D extends string = string> implements Statistics<D> {
  private consumer?: Consumer;
  private lastApplied = new Date(0);

  private constructor(
    private readonly declaration: StatisticsDeclaration<TModels, D>,
    private readonly models: TModels,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
    private readonly reader: DuckDBConnection,
    private readonly stream: { redis: RedisClient; key: string; group: string },
  ) {}

  static async start<TModels, D extends string>(
    declaration: StatisticsDeclaration<TModels, D>,
    opts: { models: TModels; redis: RedisClient; keyspace: string; subgraph: string; log: Logger },
  ): Promise<StatisticsEngine<TModels, D>> {
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
    const builtFrom = new Date();
    await engine.build();
    engine.lastApplied = builtFrom;
    engine.consumer = await startConsumer({
      redis: opts.redis,
      keyspace: opts.keyspace,
      source: opts.subgraph,
      group,
      after,
      consumer: group,
      handle: (events) => engine.apply(events),
      onError: (err) => opts.log.error({ err }, 'statistics read model update failed; retrying'),
      // A stream lost with Redis lost its events too: only a rebuild is current again.
      onStreamLost: () => void engine.build().catch((err) => opts.log.error({ err }, 'rebuild failed')),
    });
    return engine;
  }

  /** Copies every table whole from the database, replacing what was held. */
  async build(): Promise<void> {
    for (const t of this.declaration.tables) {
      const columns = Object.entries(t.columns)
        .map(([name, kind]) => `${name} ${SQL_TYPE[kind]}`)
        .join(', ');
      await this.writer.run(`CREATE OR REPLACE TABLE ${t.name} (id VARCHAR PRIMARY KEY, ${columns})`);
      const appender = await this.writer.createAppender(t.name);
      for await (const doc of t.source(this.models).find({}, t.projection).lean().cursor()) {
        appender.appendVarchar(String((doc as { _id: unknown })._id));
        const row = t.row(doc);
        for (const [name, kind] of Object.entries(t.columns)) {
          const v = row[name];
          if (v === null || v === undefined) appender.appendNull();
          else if (kind === 'int') appender.appendInteger(Number(v));
          else if (kind === 'bool') appender.appendBoolean(Boolean(v));
          else appender.appendVarchar(String(v));
        }
        appender.endRow();
      }
      appender.closeSync();
    }
  }

  /** Reads again the records the events name, per table, and replaces their rows in one transaction. */
  async apply(events: readonly ChangeEvent[]): Promise<void> {
    const readAt = new Date();
    for (const t of this.declaration.tables) {
      const ids = [...new Set(events.filter((e) => e.type === t.eventType).map((e) => e.id))];
      if (ids.length === 0) continue;
      const model = t.source(this.models);
      const docs = await queryByKeys(model, '_id', ids, (f) =>
        model.find(f, t.projection).lean<Record<string, unknown>[]>(),
      );
      const names = ['id', ...Object.keys(t.columns)];
      const rows = docs.map((d) => [String(d._id), ...Object.values(pick(t.row(d), t.columns))]);
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
    const groups = (await this.stream.redis.xinfo('GROUPS', this.stream.key)) as unknown[][];
    const mine = groups.map(fieldsOf).find((g) => g.name === this.stream.group);
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
    const sql = `SELECT ${[...keys, 'count(*)::INTEGER AS n'].join(', ')} FROM ${this.declaration.from}${
      conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''
    }${dims.length ? ` GROUP BY ALL` : ''}`;
    const day = today().toISOString().slice(0, 10).replaceAll('-', '');
    const result = await this.reader.runAndReadAll(sql.replaceAll('{today}', day), params, types);
    const cells = result.getRows().map((r) => ({
      codes: r.slice(0, dims.length).map(String),
      count: Number(r[dims.length]),
    }));
    const total = cells.reduce((n, c) => n + c.count, 0);
    const k = q.k;
    const tooFew = k !== null && total > 0 && total < k;
    const hidden = tooFew
      ? new Set(cells.map((_, i) => i))
      : k === null
        ? new Set<number>()
        : suppressedCells(cells, k);
    const rows = cells
      .map((c, i) => ({
        values: c.codes.map((code, d) => ({
          dimension: q.groupBy[d]!,
          code,
          label: dims[d]!.label(code, q.language),
        })),
        count: hidden.has(i) ? null : c.count,
        share:
          hidden.has(i) || tooFew ? null : { numerator: c.count, denominator: total, value: c.count / total },
        suppressed: hidden.has(i),
      }))
      // Suppressed rows sort as if empty: their place would tell their size.
      .sort((a, b) => (b.count ?? -1) - (a.count ?? -1) || compareCodes(a.values, b.values))
      .slice(0, q.top ?? undefined);
    return {
      rows,
      total: tooFew ? null : total,
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

/** XINFO's flat [name, value, …] reply as an object. */
function fieldsOf(flat: unknown[]): { name?: unknown; pending?: unknown; lag?: unknown } {
  const o: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) o[String(flat[i])] = flat[i + 1];
  return o;
}
