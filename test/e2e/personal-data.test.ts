import { Supergraph } from '@apollo/federation-internals';
import type { Caller } from '@union-graph/auth';
import { makeResidentId } from '@union-graph/domain';
import { type PersonalKind, personalPolicy } from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { composeSupergraph, readSubgraphList, subgraphSdl } from '@union-graph/supergraph';
import { workerServicesSubgraph } from '@union-graph/worker-services';
import { Workbook } from 'exceljs';
import {
  type GraphQLObjectType,
  type GraphQLSchema,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
} from 'graphql';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * docs/personal-data.md, through the whole graph: a matrix GENERATED from the schema (every
 * `@personal` field of the composed subgraphs × every role × in and out of scope), and a
 * reconstruction attempt by every role that may not see identifiers.
 */

const PORTAL = 'matrix-portal';
const PORTAL_KINDS: PersonalKind[] = ['NAME', 'GENDER'];

let graph: TestGraph;
let api: GraphQLSchema;
/** `Type.field` → kind, for every field declaring `@personal` in a subgraph of the test graph. */
const kinds = new Map<string, PersonalKind>();

let targetOrg: string;
let otherOrg: string;
/** The union above the target's: in scope, and another cache partition than `targetOrg` at the gateway. */
let parentOrg: string;
let target: string;
let otherMember: string;
const MOBILE = '13912345678';
const APPLICANT_ID = makeResidentId('110105', '1990-03-07', 123);

const national = testCallers.national();

async function ok<T>(res: Promise<{ data?: T | null; errors?: unknown[] }>): Promise<T> {
  const r = await res;
  expect(r.errors).toBeUndefined();
  return r.data as T;
}

beforeAll(async () => {
  process.env.UNION_GRAPH_RULES_PERSONAL_DATA = JSON.stringify({
    serviceClients: { [PORTAL]: PORTAL_KINDS },
  });
  personalPolicy();
  graph = await startTestGraph();
  const names = new Set(Object.keys(graph.subgraphs));
  const entries = readSubgraphList().filter((e) => names.has(e.name));
  for (const entry of entries) {
    for (const def of parse(subgraphSdl(entry)).definitions) {
      if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
      for (const f of def.fields ?? []) {
        const d = f.directives?.find((x) => x.name.value === 'personal');
        const arg = d?.arguments?.[0]?.value;
        if (arg?.kind === Kind.ENUM)
          kinds.set(`${def.name.value}.${f.name.value}`, arg.value as PersonalKind);
      }
    }
  }
  // The graph the test runs (the core subgraphs; guangdong's fields are its own test's).
  api = Supergraph.build(composeSupergraph(entries)).apiSchema().toGraphQLJSSchema();

  // The target: a seeded member with dues, given a mobile number (archived as a change), a hardship
  // case, and an application at the same union.
  const paying = new Set(graph.plan.duesPayments.map((d) => d.memberId));
  const person = graph.plan.members.find((m) => paying.has(m._id) && m.status === 'ACTIVE')!;
  target = person._id;
  targetOrg = person.organizationId;
  otherMember = graph.plan.members.find((m) => m.organizationId === targetOrg && m._id !== target)!._id;
  otherOrg = graph.plan.organizations.find((o) => o.type === 'GRASSROOTS' && o._id !== targetOrg)!._id;
  parentOrg = graph.plan.organizations.find((o) => o._id === targetOrg)!.parentId!;
  await ok(
    graph.query(
      `mutation($id: ID!) { updateMember(id: $id, input: { mobile: "${MOBILE}", ethnicity: "汉族" }) { id } }`,
      {
        caller: national,
        variables: { id: target },
      },
    ),
  );
  await ok(
    graph.query(`mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }`, {
      caller: national,
      variables: {
        input: {
          organizationId: targetOrg,
          memberId: target,
          level: 'DEEP',
          causes: ['ILLNESS'],
          household: { size: 3, monthlyIncomePerHead: 80000, description: '家属住院' },
        },
      },
    }),
  );
  await ok(
    graph.query(`mutation($input: MemberInput!) { applyForMembership(input: $input) { id } }`, {
      caller: testCallers.orgAdmin(targetOrg),
      variables: {
        input: {
          organizationId: targetOrg,
          name: '申请人甲',
          residentId: APPLICANT_ID,
          mobile: '13800001234',
        },
      },
    }),
  );
  await graph.settled();
}, 180_000);
afterAll(async () => {
  delete process.env.UNION_GRAPH_RULES_PERSONAL_DATA;
  await graph?.stop();
});

// ─── The generated queries ───────────────────────────────────────────────────────────────────

const typeHasPersonal = (name: string) => [...kinds.keys()].some((c) => c.startsWith(`${name}.`));

function nodesType(t: GraphQLObjectType): GraphQLObjectType | null {
  const nodes = t.getFields().nodes;
  const named = nodes && getNamedType(nodes.type);
  return named && isObjectType(named) ? named : null;
}

/** Every leaf of `type`, and every object field leading to more personal data, to depth 4. */
function selection(type: GraphQLObjectType, depth: number, path: Set<string>): string {
  const parts: string[] = [];
  for (const f of Object.values(type.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(f.type);
    if (isLeafType(named)) {
      parts.push(f.name);
      continue;
    }
    if (!isObjectType(named) || depth >= 4 || path.has(named.name) || f.name === 'edges') continue;
    const holder = typeHasPersonal(named.name) || kinds.has(`${type.name}.${f.name}`);
    const connection = /Connection$/.test(named.name) && typeHasPersonal(nodesType(named)?.name ?? '');
    if (!holder && !connection) continue;
    const sub = selection(named, depth + 1, new Set([...path, named.name]));
    const args = f.args.some((a) => a.name === 'first') ? '(first: 5)' : '';
    if (sub) parts.push(`${f.name}${args} { ${sub} }`);
  }
  return parts.join(' ');
}

interface Generated {
  root: string;
  query: string;
  type: GraphQLObjectType;
  vars: Set<'member' | 'org'>;
}

/** One query per root field reaching a type with `@personal` fields, arguments from the target. */
function generatedQueries(): Generated[] {
  const out: Generated[] = [];
  for (const f of Object.values(api.getQueryType()!.getFields())) {
    const named = getNamedType(f.type);
    if (!isObjectType(named)) continue;
    const reaches = typeHasPersonal(named.name) || typeHasPersonal(nodesType(named)?.name ?? '');
    if (!reaches) continue;
    const vars = new Set<'member' | 'org'>();
    const args: string[] = [];
    let fillable = true;
    for (const a of f.args) {
      const required = isNonNullType(a.type) && a.defaultValue === undefined;
      if (a.name === 'organizationId') {
        vars.add('org');
        args.push('organizationId: $org');
      } else if (a.name === 'memberId' || (a.name === 'id' && named.name === 'Member')) {
        vars.add('member');
        args.push(`${a.name}: $member`);
      } else if (a.name === 'first') args.push('first: 30');
      else if (required) fillable = false;
    }
    if (!fillable) continue;
    const decl = [...vars].map((v) => `$${v}: ID!`).join(', ');
    const sel = selection(named, 1, new Set([named.name]));
    out.push({
      root: f.name,
      type: api.getQueryType()!,
      vars,
      query: `query${decl ? `(${decl})` : ''} { ${f.name}${args.length ? `(${args.join(', ')})` : ''} { ${sel} } }`,
    });
  }
  return out;
}

/** Values found at each `@personal` coordinate of a response (leaving out the records of `own`). */
function collect(value: unknown, type: GraphQLObjectType, out: Map<string, unknown[]>, own?: string): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    for (const v of value) collect(v, type, out, own);
    return;
  }
  if (typeof value !== 'object') return;
  const record = value as { id?: unknown; memberId?: unknown; member?: { id?: unknown } | null };
  if (own && ((type.name === 'Member' && record.id === own) || record.memberId === own)) return;
  // A record about no person (a team's or a unit's award) holds no personal data: the subgraph's
  // own `personOf` says which, from the fields the answer carries.
  const personOf = workerServicesSubgraph.personOf?.[type.name];
  if (personOf?.({ ...record, memberId: record.memberId ?? record.member?.id ?? null }) === false) return;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const field = type.getFields()[k];
    if (!field) continue;
    const coordinate = `${type.name}.${k}`;
    if (kinds.has(coordinate)) out.set(coordinate, [...(out.get(coordinate) ?? []), v]);
    const named = getNamedType(field.type);
    if (isObjectType(named)) collect(v, named, out, own);
  }
}

async function answers(caller: Caller, q: Generated, member = target, org = targetOrg) {
  const variables = Object.fromEntries([...q.vars].map((v) => [v, v === 'member' ? member : org] as const));
  return graph.query(q.query, { caller, variables });
}

// ─── The matrix ──────────────────────────────────────────────────────────────────────────────

const ADMIN_ALL = (_k: PersonalKind) => true;
const NOTHING = (k: PersonalKind) => k === 'NONE';

interface Scenario {
  name: string;
  caller: () => Caller;
  /** Which kinds this caller sees of the target's data. */
  sees: (k: PersonalKind) => boolean;
  /** The caller's own member record, which `sees` does not describe (a member sees it whole). */
  own?: string;
}

const scenarios: Scenario[] = [
  { name: 'ORG_ADMIN in scope', caller: () => testCallers.orgAdmin(targetOrg), sees: ADMIN_ALL },
  { name: 'ORG_ADMIN out of scope', caller: () => testCallers.orgAdmin(otherOrg), sees: NOTHING },
  { name: 'MEMBER (own record)', caller: () => testCallers.member(target, targetOrg), sees: ADMIN_ALL },
  {
    name: 'MEMBER (another person)',
    caller: () => testCallers.member(otherMember, targetOrg),
    sees: NOTHING,
    get own() {
      return otherMember;
    },
  },
  {
    name: 'ANALYST',
    caller: () => testCallers.analyst(),
    sees: (k) => k === 'NONE' || k === 'GENDER' || k === 'EDUCATION',
  },
  {
    name: `SERVICE_CLIENT registered (${PORTAL_KINDS.join(', ')}) in scope`,
    caller: () => ({ id: 'portal', roles: ['SERVICE_CLIENT'], orgId: targetOrg, client: PORTAL }),
    sees: (k) => k === 'NONE' || PORTAL_KINDS.includes(k),
  },
  {
    name: 'SERVICE_CLIENT registered, out of scope',
    caller: () => ({ id: 'portal', roles: ['SERVICE_CLIENT'], orgId: otherOrg, client: PORTAL }),
    sees: NOTHING,
  },
  {
    name: 'SERVICE_CLIENT not registered',
    caller: () => ({ id: 'other-client', roles: ['SERVICE_CLIENT'], orgId: parentOrg, client: 'other' }),
    sees: NOTHING,
  },
];

describe('personal data: the generated role × kind matrix', () => {
  it('every person-holding field declares a kind, and every withheld kind is nullable', () => {
    expect(kinds.size).toBeGreaterThan(50);
    for (const [coordinate, kind] of kinds) {
      const [type, field] = coordinate.split('.') as [string, string];
      const f = (api.getType(type) as GraphQLObjectType | undefined)?.getFields()[field];
      if (f && kind !== 'NONE')
        expect(`${coordinate} ${isNonNullType(f.type) ? 'non-null' : 'nullable'}`).toBe(
          `${coordinate} nullable`,
        );
    }
  });

  it.each(scenarios.map((s) => [s.name, s] as const))(
    '%s sees exactly what the policy allows',
    async (_n, s) => {
      const queries = generatedQueries();
      expect(queries.map((q) => q.root)).toEqual(
        expect.arrayContaining(['member', 'members', 'membershipApplications']),
      );
      const checked = new Map<string, number>();
      for (const q of queries) {
        const truth = new Map<string, unknown[]>();
        const seen = new Map<string, unknown[]>();
        const reference = await answers(national, q);
        expect({ root: q.root, errors: reference.errors }).toEqual({ root: q.root, errors: undefined });
        collect(reference.data, q.type, truth);
        collect((await answers(s.caller(), q)).data, q.type, seen, s.own);
        for (const [coordinate, values] of seen) {
          const kind = kinds.get(coordinate)!;
          if (kind === 'NONE') continue;
          const allowed = new Set((truth.get(coordinate) ?? []).map((v) => JSON.stringify(v)));
          for (const v of values) {
            if (!s.sees(kind))
              expect({ coordinate, kind, value: v }).toEqual({ coordinate, kind, value: null });
            else if (v !== null) expect(allowed.has(JSON.stringify(v))).toBe(true);
            if (v !== null) checked.set(coordinate, (checked.get(coordinate) ?? 0) + 1);
          }
        }
        // The target itself: whatever the caller may see of it is there, equal to the truth.
        if (q.root === 'member') {
          for (const [coordinate, values] of truth) {
            const kind = kinds.get(coordinate)!;
            if (!coordinate.startsWith('Member.') || kind === 'NONE' || values[0] === null) continue;
            if (s.sees(kind))
              expect({ coordinate, value: seen.get(coordinate)?.[0] }).toEqual({
                coordinate,
                value: values[0],
              });
          }
        }
      }
      if (s.name === 'ORG_ADMIN in scope') {
        // Everything holding personal data that the generated queries reached with a value.
        const reached = [...checked.keys()].sort();
        console.log(
          `personal data matrix: ${queries.length} generated queries, ${kinds.size} @personal fields, ${reached.length} non-NONE fields reached with values: ${reached.join(' ')}`,
        );
        expect(reached).toEqual(
          expect.arrayContaining([
            'Member.name',
            'Member.residentId',
            'Member.mobile',
            'Member.history',
            'MembershipApplication.residentId',
            'DuesPayment.wage',
            'Household.monthlyIncomePerHead',
          ]),
        );
      }
      const visible = [...kinds].filter(([, k]) => k !== 'NONE' && s.sees(k)).length;
      if (visible === 0) expect([...checked.keys()]).toEqual([]);
      else expect(checked.size).toBeGreaterThan(0);
    },
    120_000,
  );
});

// ─── Reconstruction ──────────────────────────────────────────────────────────────────────────

interface Person {
  id: string;
  name: string;
  residentId: string;
  mobile: string | null;
}

function strings(value: unknown, out: string[]): void {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
}

async function rosterStrings(xlsx: Buffer): Promise<string[]> {
  const wb = new Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value !== null && cell.value !== undefined) out.push(String(cell.value));
      }),
    ),
  );
  return out;
}

/** A resident ID with another (valid-looking) sequence: what a prober tries next. */
const neighbour = (rid: string) => `${rid.slice(0, 14)}${rid[14] === '9' ? '1' : '9'}${rid.slice(15)}`;

describe('personal data: reconstruction', () => {
  it('no role that may not see identifiers rebuilds a resident ID, name or phone of another person', async () => {
    const people = await ok(
      graph.query<{ members: { nodes: Person[] } }>(
        `query($org: ID!) { members(organizationId: $org, first: 100) { nodes { id name residentId mobile } } }`,
        { caller: national, variables: { org: targetOrg } },
      ),
    );
    const applicant = {
      id: 'application',
      name: '申请人甲',
      residentId: APPLICANT_ID,
      mobile: '13800001234',
    };
    const persons = [...people.members.nodes, applicant];
    expect(persons.length).toBeGreaterThan(2);
    const attackers: [string, Caller, string | null][] = [
      ['ANALYST', testCallers.analyst(), null],
      [
        'SERVICE_CLIENT',
        { id: 'other-client', roles: ['SERVICE_CLIENT'], orgId: parentOrg, client: 'other' },
        null,
      ],
      ['MEMBER (other)', testCallers.member(otherMember, targetOrg), otherMember],
    ];
    const queries = generatedQueries();
    let reconstructions = 0;
    const found: string[] = [];
    for (const [role, caller, self] of attackers) {
      const seen: string[] = [];
      const confirmed = new Set<string>();
      for (const p of persons) {
        for (const q of queries) {
          if (!q.vars.has('member') && p !== persons[0]) continue;
          const res = await answers(caller, q, p.id);
          strings(res.data, seen);
          strings(res.errors, seen);
        }
        // Probing: the true ID number against a neighbour must answer alike.
        const probe = async (rid: string) => {
          const r = await graph.query(
            `query($r: String!) { memberByResidentId(residentId: $r) { id name } }`,
            {
              caller,
              variables: { r: rid },
            },
          );
          strings(r.data, seen);
          return JSON.stringify({ data: r.data, codes: r.errors?.map((e) => e.extensions?.code) });
        };
        if ((await probe(p.residentId)) !== (await probe(neighbour(p.residentId)))) confirmed.add(p.id);
      }
      const roster = await graph.query<{ exportRoster: { downloadPath: string } }>(
        `query($org: ID!) { exportRoster(organizationId: $org, subtree: true) { downloadPath } }`,
        { caller, variables: { org: targetOrg } },
      );
      if (roster.data?.exportRoster) {
        const file = await fetch(new URL(roster.data.exportRoster.downloadPath, graph.url), {
          headers: { authorization: `Bearer ${await graph.token(caller)}` },
        });
        expect(file.status).toBe(200);
        seen.push(...(await rosterStrings(Buffer.from(await file.arrayBuffer()))));
      }
      strings(roster.errors, seen);
      const text = seen.join('\n');
      for (const p of persons) {
        if (p.id === self) continue;
        const leaks = [
          text.includes(p.residentId) && 'resident ID',
          // A partial mask keeping the ends of the number rebuilds it (division + birth date).
          new RegExp(`${p.residentId.slice(0, 4)}\\*+${p.residentId.slice(-4)}`).test(text) && 'partial ID',
          seen.includes(p.name) && 'name',
          p.mobile &&
            (text.includes(p.mobile) || text.includes(`${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}`)) &&
            'phone',
          confirmed.has(p.id) && 'ID confirmed by lookup',
        ].filter(Boolean);
        if (leaks.length) {
          reconstructions++;
          found.push(`${role}: ${p.id} (${leaks.join(', ')})`);
        }
      }
    }
    console.log(
      `personal data: ${reconstructions} reconstructions of ${persons.length} people × ${attackers.length} roles`,
    );
    expect(found).toEqual([]);
  }, 300_000);
});

describe('personal data: the gateway cache', () => {
  // The gateway's caches key a caller's private answers by roles, union, member and client
  // (gateway/src/entity-cache.ts): a client not registered for NAME is never served what a
  // registered client of the same union was answered.
  it('two service clients of the same union never share cached personal data', async () => {
    const Q = `query($id: ID!) { member(id: $id) { id name } }`;
    const registered: Caller = { id: 'portal', roles: ['SERVICE_CLIENT'], orgId: targetOrg, client: PORTAL };
    const unregistered: Caller = { id: 'x', roles: ['SERVICE_CLIENT'], orgId: targetOrg, client: 'other' };
    const first = await graph.query<{ member: { name: string | null } }>(Q, {
      caller: registered,
      variables: { id: target },
    });
    expect(first.data?.member.name).not.toBeNull();
    const second = await graph.query<{ member: { name: string | null } }>(Q, {
      caller: unregistered,
      variables: { id: target },
    });
    expect(second.data?.member.name).toBeNull();
  });
});
