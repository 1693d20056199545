import { type Caller, hasRole, PERSONAL_DATA_ROLES } from '@union-graph/auth';
import {
  type DocumentNode,
  defaultFieldResolver,
  type FieldDefinitionNode,
  type GraphQLSchema,
  isNonNullType,
  isObjectType,
  Kind,
  parse,
  type TypeNode,
} from 'graphql';
import { loadRules, z } from './rules';

/**
 * Personal data, once for every subgraph (PIPL art. 6, minimum necessity; docs/personal-data.md):
 * each field holding a person's data declares its kind with `@personal(kind:)`, and the kit wraps
 * its resolver at schema build so the field is null for every caller the one policy table below
 * does not allow. A withheld value reveals nothing: no partial masks, no digits.
 */

export const PERSONAL_KINDS = [
  'NAME',
  'RESIDENT_ID',
  'PHONE',
  'ADDRESS',
  'BIRTH_DATE',
  'GENDER',
  'ETHNICITY',
  'EDUCATION',
  'EMPLOYER',
  'CARD_NUMBER',
  'INCOME',
  'CIRCUMSTANCES',
  'ARCHIVE',
  'NONE',
] as const;
export type PersonalKind = (typeof PERSONAL_KINDS)[number];

/** Kinds analysts see: coarse categories for statistics, never a direct identifier. */
export const ANALYST_KINDS: readonly PersonalKind[] = ['GENDER', 'EDUCATION'];

export interface PersonalPolicy {
  /** SERVICE_CLIENT callers, by their `client` claim: the kinds each is registered for. */
  serviceClients: Record<string, PersonalKind[]>;
}

const policySchema = z.object({
  serviceClients: z.record(z.string(), z.array(z.enum(PERSONAL_KINDS))),
});

let cached: { raw: string | undefined; policy: PersonalPolicy } | undefined;

/**
 * The deployment's policy: `UNION_GRAPH_RULES_PERSONAL_DATA` (JSON, e.g.
 * `{"serviceClients":{"joining-portal":["NAME"]}}`); by default no client is registered for anything.
 */
export function personalPolicy(env: NodeJS.ProcessEnv = process.env): PersonalPolicy {
  const raw = env.UNION_GRAPH_RULES_PERSONAL_DATA;
  if (env !== process.env) return loadRules('personal-data', policySchema, { serviceClients: {} }, env);
  if (cached === undefined || cached.raw !== raw)
    cached = { raw, policy: loadRules('personal-data', policySchema, { serviceClients: {} }, env) };
  return cached.policy;
}

/**
 * The one policy table: whether `caller` may see data of `kind` about the person `personId` (the
 * member the record belongs to; null when unknown). Scope (which records at all) is Scope's.
 */
export function mayReveal(
  caller: Caller,
  kind: PersonalKind,
  personId: string | null | undefined,
  policy: PersonalPolicy = personalPolicy(),
): boolean {
  if (kind === 'NONE') return true;
  if (hasRole(caller, ...PERSONAL_DATA_ROLES)) return true;
  if (hasRole(caller, 'MEMBER') && caller.memberId && personId != null && personId === caller.memberId)
    return true;
  if (hasRole(caller, 'ANALYST') && ANALYST_KINDS.includes(kind)) return true;
  if (hasRole(caller, 'SERVICE_CLIENT') && caller.client)
    return policy.serviceClients[caller.client]?.includes(kind) ?? false;
  return false;
}

/**
 * Which member a parent object of `typeName` belongs to: an id; null when unknown (only roles that
 * see the kind for everyone see it); `false` when the record is about no person at all (a unit's
 * award), so it holds no personal data.
 */
export type PersonOf = (parent: unknown) => string | null | undefined | false;

/** By default: the parent's `memberId`; a `Member` is its own person (`_id` or `id`). */
export function defaultPersonOf(typeName: string): PersonOf {
  return (parent) => {
    const p = parent as { memberId?: unknown; _id?: unknown; id?: unknown } | null | undefined;
    if (typeof p?.memberId === 'string') return p.memberId;
    if (typeName === 'Member') {
      const id = p?._id ?? p?.id;
      return typeof id === 'string' ? id : null;
    }
    return null;
  };
}

function kindOf(node: FieldDefinitionNode | undefined | null): PersonalKind | null {
  const d = node?.directives?.find((x) => x.name.value === 'personal');
  const arg = d?.arguments?.find((a) => a.name.value === 'kind');
  return arg?.value.kind === Kind.ENUM ? (arg.value.value as PersonalKind) : null;
}

/**
 * Wraps the resolver of every field declaring a kind other than NONE: the value for callers the
 * policy allows, null for everyone else. Such a field must be nullable (a schema that says
 * otherwise is refused at start-up): null is the only withheld value that reveals nothing, for
 * strings, enums, dates and objects alike.
 */
export function applyPersonalPolicy(
  schema: GraphQLSchema,
  personOf: Record<string, PersonOf> = {},
): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const owner = personOf[type.name] ?? defaultPersonOf(type.name);
    for (const field of Object.values(type.getFields())) {
      const kind = kindOf(field.astNode);
      if (!kind || kind === 'NONE') continue;
      if (isNonNullType(field.type))
        throw new Error(
          `${type.name}.${field.name} holds personal data (${kind}) and must be nullable: a withheld value is null`,
        );
      const resolve = field.resolve ?? defaultFieldResolver;
      const logged = isLoggedKind(kind);
      const typeName = type.name;
      field.resolve = (source, args, context, info) => {
        const person = owner(source);
        if (person !== false && !mayReveal((context as { caller: Caller }).caller, kind, person)) return null;
        const value = resolve(source, args, context, info);
        const notes = (context as { personalAccess?: PersonalAccessNotes }).personalAccess;
        if (!logged || person === false || !notes) return value;
        const note = (v: unknown) => {
          if (v != null)
            notes.note({ type: typeName, id: recordIdOf(source), kind, memberId: person ?? null });
          return v;
        };
        return isPromise(value) ? value.then(note) : note(value);
      };
    }
  }
  return schema;
}

// ─── The access log (PIPL art. 45) ───────────────────────────────────────────────────────────

/**
 * Kinds whose revealed values are recorded in the access log: every kind but `NONE` and the
 * statistical categories analysts see (`GENDER`, `EDUCATION`), which are not sensitive personal
 * information (PIPL art. 28) and would turn every statistics read into a log entry.
 */
export function isLoggedKind(kind: PersonalKind): boolean {
  return kind !== 'NONE' && !ANALYST_KINDS.includes(kind);
}

/** One revealed value: the record (GraphQL type and id), the kind, the person it is about. */
export interface PersonalAccessNote {
  type: string;
  id: string;
  kind: PersonalKind;
  /** The member the record belongs to; null when the policy does not know. */
  memberId: string | null;
}

/**
 * What one request revealed, noted by the wrapped resolvers (`ctx.personalAccess`); the server's
 * access-log plugin writes it as one entry at the end of the request. Each record and kind once.
 */
export class PersonalAccessNotes {
  private readonly records = new Map<string, { type: string; id: string }>();
  private readonly kinds = new Set<PersonalKind>();
  private readonly members = new Set<string>();

  /** @param id the log entry's id: unique per subgraph request. */
  constructor(readonly id: string) {}

  note({ type, id, kind, memberId }: PersonalAccessNote): void {
    this.records.set(`${type}:${id}`, { type, id });
    this.kinds.add(kind);
    if (memberId) this.members.add(memberId);
  }

  get empty(): boolean {
    return this.records.size === 0;
  }

  summary(): { records: { type: string; id: string }[]; kinds: PersonalKind[]; memberIds: string[] } {
    return {
      records: [...this.records.values()],
      kinds: PERSONAL_KINDS.filter((k) => this.kinds.has(k)),
      memberIds: [...this.members].sort(),
    };
  }
}

function recordIdOf(source: unknown): string {
  const s = source as { _id?: unknown; id?: unknown } | null | undefined;
  const id = s?._id ?? s?.id;
  return id == null ? '?' : String(id);
}

function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

// ─── Which types must declare kinds ──────────────────────────────────────────────────────────

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function namedType(t: TypeNode): { name: string; list: boolean } {
  if (t.kind === Kind.NON_NULL_TYPE) return namedType(t.type);
  if (t.kind === Kind.LIST_TYPE) return { name: namedType(t.type).name, list: true };
  return { name: t.name.value, list: false };
}

export interface PersonalField {
  type: string;
  field: string;
  /** Null when the field declares none. */
  kind: PersonalKind | null;
  nullable: boolean;
}

function objectFields(doc: DocumentNode): Map<string, FieldDefinitionNode[]> {
  const types = new Map<string, FieldDefinitionNode[]>();
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OBJECT_TYPE_DEFINITION && def.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
    types.set(def.name.value, [...(types.get(def.name.value) ?? []), ...(def.fields ?? [])]);
  }
  return types;
}

/**
 * The rule for person-holding types: `Member` (defined or extended), and every object type with a
 * field named `memberId` or a field holding one `Member` (`member: Member!`). Root types and the
 * Relay wrappers (`…Edge`, `…Connection`, which hold lists of records, not a person) are not.
 */
export function isPersonHolding(name: string, fields: readonly FieldDefinitionNode[]): boolean {
  if (ROOT_TYPES.has(name) || /(Edge|Connection)$/.test(name)) return false;
  if (name === 'Member') return true;
  return fields.some((f) => {
    const t = namedType(f.type);
    return f.name.value === 'memberId' || (t.name === 'Member' && !t.list);
  });
}

/** Every field of a person-holding type except `id`, with its declared kind (if any). */
export function personalFields(sdl: string | DocumentNode): PersonalField[] {
  const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
  const out: PersonalField[] = [];
  for (const [type, fields] of objectFields(doc)) {
    if (!isPersonHolding(type, fields)) continue;
    for (const f of fields) {
      if (f.name.value === 'id') continue;
      out.push({ type, field: f.name.value, kind: kindOf(f), nullable: f.type.kind !== Kind.NON_NULL_TYPE });
    }
  }
  return out;
}

/** Fields of person-holding types without `@personal`, as `Type.field`: each must declare a kind. */
export function unmarkedPersonalFields(sdl: string | DocumentNode): string[] {
  return personalFields(sdl)
    .filter((f) => f.kind === null)
    .map((f) => `${f.type}.${f.field}`);
}
