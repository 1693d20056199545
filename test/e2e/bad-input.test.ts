import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { readSubgraphSdl } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { REPO_ROOT, readSubgraphList } from '@union-graph/supergraph';
import {
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
} from 'graphql';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * Client mistakes are BAD_USER_INPUT, never an outage: every mutation of the core subgraphs is sent
 * through the gateway with one bad value at every place its arguments hold a custom scalar or a
 * text — malformed scalars (Date, DateTime, Fen), texts with control or bidirectional-override
 * characters, dates out of any plausible range — everything else well formed. Each answer must be
 * BAD_USER_INPUT naming the argument path, and no database may change.
 */
const MALFORMED: Record<string, unknown[]> = {
  Date: ['yesterday', '2025-02-30', 20250101, '9999-12-31', '0001-01-01'],
  DateTime: ['yesterday', '2025-13-01T00:00:00Z', '9999-12-31T00:00:00Z'],
  Fen: [1.5, 2 ** 60, '100'],
  String: ['工会\u0000名称', '合同\u202Egnp.exe'],
};
const CORE = ['organizations', 'members', 'cadres', 'funds', 'worker-services'];

function sample(type: GraphQLInputType, depth = 0): unknown {
  if (isNonNullType(type)) return sample(type.ofType, depth);
  if (isListType(type)) return [sample(type.ofType, depth)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields()))
      if (isNonNullType(f.type) && f.defaultValue === undefined) out[f.name] = sample(f.type, depth + 1);
    return out;
  }
  const named = type.name;
  return (
    { Int: 1, Float: 1, Boolean: true, Date: '2024-01-01', DateTime: '2024-01-01T00:00:00Z', Fen: 100 }[
      named
    ] ?? 'x'
  );
}

/** Every path below an argument type where a custom scalar sits, with the value the path holds. */
function scalarPlaces(type: GraphQLInputType, path: string, depth = 0): { path: string; scalar: string }[] {
  const named = getNamedType(type) as GraphQLNamedType;
  if (isScalarType(named)) return named.name in MALFORMED ? [{ path, scalar: named.name }] : [];
  if (!isInputObjectType(named) || depth > 3) return [];
  const list = isListType(isNonNullType(type) ? type.ofType : type);
  return Object.values(named.getFields()).flatMap((f) =>
    scalarPlaces(f.type, `${path}${list ? '[0]' : ''}.${f.name}`, depth + 1),
  );
}

/** The variables with `value` put at the dotted path (`input.lines[0].amount`). */
function withValueAt(base: unknown, path: string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const m = /^(\w+)(\[0\])?$/.exec(head!)!;
  const obj = { ...(base as Record<string, unknown>) };
  const current = obj[m[1]!];
  obj[m[1]!] = m[2]
    ? [withValueAt((current as unknown[] | undefined)?.[0] ?? {}, rest, value)]
    : withValueAt(current ?? {}, rest, value);
  return obj;
}

interface Probe {
  name: string;
  query: string;
  variables: Record<string, unknown>;
  path: string;
  value: unknown;
}

function probes(): Probe[] {
  const out: Probe[] = [];
  for (const entry of readSubgraphList().filter((s) => CORE.includes(s.name))) {
    const schema = buildSubgraphSchema({ typeDefs: parse(readSubgraphSdl(join(REPO_ROOT, entry.package))) });
    for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
      const defs = field.args.map((a) => `$${a.name}: ${a.type}`).join(', ');
      const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
      const returns = getNamedType(field.type);
      const selection = isScalarType(returns) || isEnumType(returns) ? '' : ' { __typename }';
      const query = `mutation${defs ? `(${defs})` : ''} { ${field.name}${args ? `(${args})` : ''}${selection} }`;
      const base = Object.fromEntries(field.args.map((a) => [a.name, sample(a.type)]));
      for (const arg of field.args)
        for (const place of scalarPlaces(arg.type, arg.name))
          for (const value of MALFORMED[place.scalar]!) {
            const variables = withValueAt(base, place.path.split('.'), value) as Record<string, unknown>;
            out.push({ name: field.name, query, variables, path: place.path, value });
          }
    }
  }
  return out;
}

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

/** Documents in every collection of every subgraph's database. */
async function census(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, sg] of Object.entries(graph.subgraphs)) {
    const db = sg.server.conn.db!;
    for (const c of await db.listCollections().toArray())
      counts[`${name}.${c.name}`] = await db.collection(c.name).countDocuments();
  }
  return counts;
}

describe('malformed scalar values through the gateway', () => {
  it('answer BAD_USER_INPUT naming the argument path, for every mutation, and write nothing', async () => {
    const all = probes();
    expect(all.length).toBeGreaterThan(100);
    const before = await census();
    const wrong: unknown[] = [];
    for (const p of all) {
      const res = await graph.query(p.query, { caller: testCallers.national(), variables: p.variables });
      const error = res.errors?.[0];
      const at = String(error?.extensions?.field ?? '');
      const wrote = res.data && Object.values(res.data).some((v) => v !== null);
      if (error?.extensions?.code !== 'BAD_USER_INPUT' || at !== p.path || wrote)
        wrong.push({ mutation: p.name, path: p.path, value: p.value, got: res.errors ?? res.data });
    }
    expect(wrong).toEqual([]);
    expect(await census()).toEqual(before);
    // The closing figure: fuzzed client mistakes answered as outages (target 0).
    console.log(`bad input: ${all.length} malformed mutations, ${wrong.length} not answered BAD_USER_INPUT`);
  });
});
