import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cadresSubgraph } from '@union-graph/cadres';
import { fundsSubgraph } from '@union-graph/funds';
import { membersSubgraph } from '@union-graph/members';
import { organizationsSubgraph } from '@union-graph/organizations';
import type { StatisticsDeclaration } from '@union-graph/subgraph-kit';
import { workerServicesSubgraph } from '@union-graph/worker-services';
import { parse as parseYaml } from 'yaml';

/**
 * deploy/clickhouse/ (issue #19, national statistics) is checked by parsing, as the rest of
 * deploy/: the schema with sqlparser-rs's ClickHouse dialect (Apache DataFusion's SQL parser,
 * compiled to WebAssembly in `@guanmingchiu/sqlparser-ts`, run by clickhouse-parse.mjs; no parser
 * of ClickHouse's own is published on npm), the server and consumer settings with `yaml`, and
 * the consumers' tables
 * against the statistics the subgraphs declare, so ClickHouse and the DuckDB read models count
 * the same columns.
 */

const root = join(__dirname, '..', '..');
const dir = join(root, 'deploy', 'clickhouse');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

interface Ident {
  value: string;
  quote_style?: string;
}
interface Column {
  name: Ident;
  options: { option: Record<string, unknown> }[];
}
interface CreateTable {
  name: { Identifier: Ident }[];
  columns: Column[];
  on_cluster?: Ident;
  table_options: { Plain: { NamedParenthesizedList: { key: Ident; name: Ident; values: Ident[] } }[] };
  order_by?: { Many?: unknown[]; One?: unknown };
  partition_by?: unknown;
}

interface Table {
  file: string;
  name: string;
  cluster: string | undefined;
  columns: string[];
  /** Columns computed from others (`MATERIALIZED`), with the columns their expression reads. */
  materialized: Map<string, string[]>;
  engine: string;
  args: Ident[];
  orderBy: string[];
  partitionBy: string[];
}

/** Every identifier an expression of the AST names. */
function identifiers(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(identifiers);
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === 'Identifier' && v && typeof v === 'object' && 'value' in v
      ? [String((v as Ident).value)]
      : k === 'name' && Array.isArray(v)
        ? [] // a function's name
        : identifiers(v),
  );
}

function tableOf(file: string, t: CreateTable): Table {
  const engine = t.table_options.Plain.map((o) => o.NamedParenthesizedList).find(
    (o) => o.key.value === 'ENGINE',
  );
  const materialized = new Map(
    t.columns.flatMap((c) => {
      const m = c.options.find((o) => 'Materialized' in o.option)?.option.Materialized;
      return m ? [[c.name.value, identifiers(m)] as const] : [];
    }),
  );
  return {
    file,
    name: t.name.map((n) => n.Identifier.value).join('.'),
    cluster: t.on_cluster?.value,
    columns: t.columns.map((c) => c.name.value),
    materialized,
    engine: engine?.name.value ?? '',
    args: engine?.values ?? [],
    orderBy: identifiers(t.order_by),
    partitionBy: identifiers(t.partition_by),
  };
}

const sqlFiles = readdirSync(join(dir, 'schema'))
  .filter((f) => f.endsWith('.sql'))
  .sort();

/** Each file's statements as sqlparser-rs's AST, or the parser's error. */
function parseClickHouse(texts: string[]): { statements?: Record<string, unknown>[]; error?: string }[] {
  const r = spawnSync(process.execPath, [join(__dirname, 'clickhouse-parse.mjs')], {
    input: JSON.stringify(texts),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}
const parsed = parseClickHouse(sqlFiles.map((f) => read(join('schema', f))));
const tables: Table[] = parsed.flatMap((p, i) =>
  (p.statements ?? [])
    .filter((s) => 'CreateTable' in s)
    .map((s) => tableOf(sqlFiles[i]!, s.CreateTable as CreateTable)),
);
const table = (name: string) => tables.find((t) => t.name === name);

const config = parseYaml(read('config.yaml')) as {
  remote_servers: Record<string, { shard: { replica: { host: string; port: number }[] }[] }>;
};
const users = parseYaml(read('users.yaml')) as { profiles: Record<string, Record<string, unknown>> };
interface ConsumerTable {
  declaration: string;
  target: string;
  with_union?: string;
}
const consumers = parseYaml(read('consumers.yaml')) as {
  defaults: { clickhouse_profile: string; group: string; refresh_on: string };
  consumers: { subgraph: string; tables: ConsumerTable[] }[];
};
const subgraphNames = (
  JSON.parse(readFileSync(join(root, 'gateway/subgraphs.json'), 'utf8')) as { name: string }[]
).map((s) => s.name);
// biome-ignore lint/suspicious/noExplicitAny: each subgraph's declaration reads its own models
const declarations: Record<string, StatisticsDeclaration<any> | undefined> = Object.fromEntries(
  [organizationsSubgraph, membersSubgraph, fundsSubgraph, cadresSubgraph, workerServicesSubgraph].map((d) => [
    d.name,
    d.statistics,
  ]),
);
const DIRECTORY = 'union_stats.orgs';

describe('deploy/clickhouse schema', () => {
  it('parses in the ClickHouse dialect, every statement a table of the union_stats database', () => {
    expect(parsed.map((p, i) => [sqlFiles[i], p.error])).toEqual(sqlFiles.map((f) => [f, undefined]));
    expect(sqlFiles.length).toBeGreaterThan(1);
    expect(tables.length).toBeGreaterThan(sqlFiles.length);
    for (const t of tables) expect(t.name).toMatch(/^union_stats\.\w+$/);
  });

  it('replaces each record by id and version: replicated ReplacingMergeTree keyed last by the id', () => {
    const stored = tables.filter((t) => t.engine !== 'Distributed');
    expect(stored.length).toBeGreaterThan(0);
    for (const t of stored) {
      expect({ table: t.name, engine: t.engine }).toEqual({
        table: t.name,
        engine: 'ReplicatedReplacingMergeTree',
      });
      const [path, replica, version, deleted] = t.args.map((a) => a.value);
      expect({ table: t.name, replica, version, deleted }).toEqual({
        table: t.name,
        replica: '{replica}',
        version: 'version',
        deleted: 'deleted',
      });
      // Its own replication path: two tables sharing one would replicate into each other.
      expect(path).toBe(
        t.name === DIRECTORY
          ? '/clickhouse/tables/everywhere/union_stats/orgs'
          : `/clickhouse/tables/{shard}/union_stats/${t.name.replace(/^union_stats\.|_local$/g, '')}`,
      );
      expect(t.columns).toEqual(expect.arrayContaining(['id', 'version', 'deleted']));
      expect({ table: t.name, lastKey: t.orderBy.at(-1) }).toEqual({ table: t.name, lastKey: 'id' });
    }
  });

  it('partitions only by what the sorting key fixes, so every version of a record meets in one partition', () => {
    for (const t of tables.filter((x) => x.partitionBy.length)) {
      const fixed = t.partitionBy.flatMap((c) => t.materialized.get(c) ?? [c]);
      expect({ table: t.name, outside: fixed.filter((c) => !t.orderBy.includes(c)) }).toEqual({
        table: t.name,
        outside: [],
      });
    }
  });

  it('reads and writes each fact table through a Distributed table with the same columns', () => {
    const local = tables.filter((t) => t.name.endsWith('_local'));
    expect(local.length).toBeGreaterThan(0);
    for (const l of local) {
      const d = table(l.name.replace(/_local$/, ''));
      expect(d?.engine).toBe('Distributed');
      const [cluster, database, target, shardKey] = d!.args.map((a) => a.value);
      expect({ cluster, database, target, shardKey }).toEqual({
        cluster: 'union_stats',
        database: 'union_stats',
        target: l.name.replace('union_stats.', ''),
        shardKey: 'shard_key',
      });
      // Sharded by a column of the record that never changes, so a replay reaches the same shard.
      const [byColumn] = d!.materialized.get('shard_key') ?? [];
      expect(l.orderBy.includes(byColumn!) || /_id$/.test(byColumn!)).toBe(true);
      const stored = (t: Table) => t.columns.filter((c) => !t.materialized.has(c));
      expect(stored(d!)).toEqual(stored(l));
      expect([l.cluster, d!.cluster]).toEqual(['union_stats', 'union_stats']);
    }
  });

  it('keeps the org directory whole on every node', () => {
    const hosts = (cluster: string) =>
      config.remote_servers[cluster]!.shard.flatMap((s) =>
        s.replica.map((r) => `${r.host}:${r.port}`),
      ).sort();
    expect(table(DIRECTORY)?.cluster).toBe('union_stats_everywhere');
    expect(config.remote_servers.union_stats_everywhere!.shard).toHaveLength(1);
    expect(hosts('union_stats_everywhere')).toEqual(hosts('union_stats'));
    for (const shard of config.remote_servers.union_stats!.shard)
      expect(shard.replica.length).toBeGreaterThan(1);
  });
});

describe('deploy/clickhouse consumers', () => {
  const fed = consumers.consumers.flatMap((c) => c.tables.map((t) => ({ subgraph: c.subgraph, ...t })));
  const directoryColumns = () =>
    table(DIRECTORY)!.columns.filter((c) => !['id', 'version', 'deleted'].includes(c));

  it('run one per subgraph of the graph, as the sink profile, on the stream the directory relays', () => {
    for (const c of consumers.consumers) expect(subgraphNames).toContain(c.subgraph);
    expect(new Set(consumers.consumers.map((c) => c.subgraph)).size).toBe(consumers.consumers.length);
    expect(users.profiles[consumers.defaults.clickhouse_profile]).toBeDefined();
    expect(consumers.defaults.refresh_on).toBe('Organization');
  });

  it('write every table of the schema, each into a table that exists', () => {
    const targets = fed.map((t) => t.target);
    expect(new Set(targets).size).toBe(targets.length);
    const readable = tables
      .filter((t) => t.engine === 'Distributed' || t.name === DIRECTORY)
      .map((t) => t.name);
    expect(targets.sort()).toEqual(readable.sort());
  });

  it("copy the union's directory columns into each fact row that names a union", () => {
    for (const t of fed.filter((x) => x.with_union)) {
      const columns = table(t.target)!.columns;
      expect(columns).toContain(t.with_union);
      const union = directoryColumns()
        .filter((c) => c !== 'path')
        .map((c) => `union_${c}`);
      expect({ target: t.target, missing: union.filter((c) => !columns.includes(c)) }).toEqual({
        target: t.target,
        missing: [],
      });
    }
  });

  it('take the columns of the statistics each subgraph declares, so both read models count alike', () => {
    for (const [subgraph, declaration] of Object.entries(declarations)) {
      if (!declaration) continue;
      const mine = fed.filter((t) => t.subgraph === subgraph);
      for (const declared of declaration.tables) {
        // A subgraph's copy of the directory is the directory table itself, or the union columns.
        const target =
          declared.eventType === 'Organization'
            ? DIRECTORY
            : mine.find((t) => t.declaration === declared.name)?.target;
        expect({ subgraph, table: declared.name, fed: !!target }).toEqual({
          subgraph,
          table: declared.name,
          fed: true,
        });
        const columns = table(target!)!.columns;
        expect({
          subgraph,
          table: declared.name,
          missing: Object.keys(declared.columns).filter((c) => !columns.includes(c)),
        }).toEqual({ subgraph, table: declared.name, missing: [] });
      }
      for (const t of mine)
        if (t.target !== DIRECTORY) expect(declaration.tables.map((d) => d.name)).toContain(t.declaration);
    }
  });
});
