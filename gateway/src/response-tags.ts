import type { GraphQLRequestContext } from '@apollo/server';
import {
  type FieldNode,
  type GraphQLAbstractType,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getNullableType,
  isAbstractType,
  isCompositeType,
  isListType,
  isObjectType,
  isUnionType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { GatewayContext } from './signed-data-source';

/**
 * What a cached answer depends on, collected from the answer itself once it is computed (no
 * extra round trip):
 * - `entities`: every object of a type with an `id` whose id the answer shows (or, for a root
 *   field like `organization(id:)`, its `id` argument). Fields of an entity, nested lists and
 *   counts included, change with an event for it or one that `affects` it, as subgraphs publish.
 * - `types`: entity types the answer shows without their id (any change of the type drops it).
 * - `subtrees`: a root list, connection, count or report over a union's subtree (the union its
 *   organization arguments name, else the caller's, `*` for the whole country): any change
 *   inside that subtree drops it, since it may add, remove or recount an item it does not name.
 * - `lists`: whether there is any such root answer, which also depends on changes whose events
 *   name no union (dropped per subgraph then).
 */
export interface ResponseDependencies {
  entities: Map<string, Set<string>>;
  types: Set<string>;
  subtrees: Set<string>;
  lists: boolean;
}

/** Arguments (top level or one level into an input object) that name the union a list is under. */
const ORG_ARGUMENTS = new Set(['organizationId', 'subtreeOf', 'parentId', 'upperUnionId', 'orgId']);

type Fragments = Record<
  string,
  { typeCondition: { name: { value: string } }; selectionSet: SelectionSetNode }
>;
type Json = Record<string, unknown>;

class Collector {
  readonly deps: ResponseDependencies = {
    entities: new Map(),
    types: new Set(),
    subtrees: new Set(),
    lists: false,
  };

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Fragments,
  ) {}

  private entity(type: string, id: unknown): void {
    if (typeof id !== 'string' && typeof id !== 'number') return;
    const ids = this.deps.entities.get(type) ?? new Set<string>();
    this.deps.entities.set(type, ids.add(String(id)));
  }

  private static hasId(type: GraphQLNamedType | undefined | null): boolean {
    return isObjectType(type) && getNamedType(type.getFields().id?.type)?.name === 'ID';
  }

  /**
   * The field nodes that apply to an object of `runtime` (all of them when it is unknown), each
   * with the type that defines it (a fragment's condition, else the enclosing type).
   */
  private fields(
    selection: SelectionSetNode,
    runtime: string | undefined,
    on: GraphQLCompositeType,
    out: { node: FieldNode; on: GraphQLCompositeType }[] = [],
  ) {
    for (const s of selection.selections) {
      if (s.kind === 'Field') out.push({ node: s, on });
      else {
        const fragment = s.kind === 'FragmentSpread' ? this.fragments[s.name.value] : s;
        const condition = fragment?.typeCondition?.name.value;
        if (!fragment || (runtime && condition && !this.applies(condition, runtime))) continue;
        const type = condition ? this.schema.getType(condition) : on;
        this.fields(fragment.selectionSet, runtime, isCompositeType(type) ? type : on, out);
      }
    }
    return out;
  }

  private applies(condition: string, runtime: string): boolean {
    if (condition === runtime) return true;
    const abstract = this.schema.getType(condition);
    const object = this.schema.getType(runtime);
    return isAbstractType(abstract) && isObjectType(object) && this.schema.isSubType(abstract, object);
  }

  value(type: GraphQLNamedType, selection: SelectionSetNode | undefined, value: unknown): void {
    if (!selection || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) this.value(type, selection, item);
      return;
    }
    this.object(type as GraphQLCompositeType, selection, value as Json);
  }

  private object(
    type: GraphQLCompositeType,
    selection: SelectionSetNode,
    value: Json,
    rootId?: unknown,
  ): void {
    const typename = typeof value.__typename === 'string' ? value.__typename : undefined;
    const named = typename ? this.schema.getType(typename) : undefined;
    const runtime = isObjectType(named) ? named : isObjectType(type) ? type : undefined;
    const fields = this.fields(selection, runtime?.name, runtime ?? type);
    const idField = fields.find((f) => f.node.name.value === 'id')?.node;
    const id = idField ? value[idField.alias?.value ?? 'id'] : rootId;
    // Which member of an abstract type this is may stay unknown: each possible entity type is named.
    for (const t of runtime ? [runtime] : this.schema.getPossibleTypes(type as GraphQLAbstractType))
      if (Collector.hasId(t))
        id === undefined || id === null ? this.deps.types.add(t.name) : this.entity(t.name, id);
    for (const { node, on } of fields) {
      const key = node.alias?.value ?? node.name.value;
      if (!(key in value) || !node.selectionSet || isUnionType(on)) continue;
      const def = on.getFields()[node.name.value];
      const child = def ? getNamedType(def.type) : undefined;
      if (child && isCompositeType(child)) this.value(child, node.selectionSet, value[key]);
    }
  }

  /**
   * A root field: a single entity asked for by id depends on itself (its id argument when it shows
   * none); anything else (a list, a connection, a count, a report, an entity found by another key,
   * which a change may make another one) on its subtree too.
   */
  root(
    def: GraphQLField<unknown, unknown>,
    node: FieldNode,
    value: unknown,
    args: Json,
    scopeOrg: string | null,
  ) {
    const type = getNamedType(def.type);
    const single = !isListType(getNullableType(def.type)) && (Collector.hasId(type) || isAbstractType(type));
    const byId = single && typeof args.id === 'string';
    if (byId && value !== null && typeof value === 'object') {
      this.object(type as GraphQLCompositeType, node.selectionSet!, value as Json, args.id);
      return;
    }
    if (byId) {
      // Nothing there (or not visible): the entity's own creation or change names it.
      this.entity(type.name, args.id as string);
      return;
    }
    this.deps.lists = true;
    const named = orgArguments(args);
    for (const org of named.length ? named : [scopeOrg ?? '*']) this.deps.subtrees.add(org);
    if (isCompositeType(type)) this.value(type, node.selectionSet, value);
  }
}

function orgArguments(args: Json): string[] {
  const found: string[] = [];
  for (const [name, value] of Object.entries(args)) {
    if (ORG_ARGUMENTS.has(name) && typeof value === 'string') found.push(value);
    else if (value && typeof value === 'object' && !Array.isArray(value))
      for (const [inner, v] of Object.entries(value as Json))
        if (ORG_ARGUMENTS.has(inner) && typeof v === 'string') found.push(v);
  }
  return found;
}

/** The dependencies of a query's answer (see ResponseDependencies); `undefined` if it has none to show. */
export function responseDependencies(
  ctx: Pick<
    GraphQLRequestContext<GatewayContext>,
    'schema' | 'document' | 'operation' | 'request' | 'response' | 'contextValue' | 'overallCachePolicy'
  >,
): ResponseDependencies | undefined {
  const { schema, document, operation } = ctx;
  const body = ctx.response.body;
  if (!document || !operation || body?.kind !== 'single') return undefined;
  const data = body.singleResult.data as Json | null | undefined;
  const root = schema.getQueryType();
  if (!data || !root) return undefined;
  const fragments = Object.fromEntries(
    document.definitions.flatMap((d) => (d.kind === 'FragmentDefinition' ? [[d.name.value, d]] : [])),
  ) as Fragments;
  const collector = new Collector(schema, fragments);
  const variables = ctx.request.variables ?? {};
  for (const node of rootFields(operation, fragments)) {
    const key = node.alias?.value ?? node.name.value;
    const def = root.getFields()[node.name.value];
    if (!def || !(key in data)) continue;
    let args: Json;
    try {
      args = getArgumentValues(def, node, variables);
    } catch {
      // Arguments that do not coerce never reach an answer worth storing.
      return undefined;
    }
    // A PUBLIC answer is the same for every caller: it cannot be narrowed to the storing caller's subtree.
    const scopeOrg =
      ctx.overallCachePolicy.policyIfCacheable()?.scope === 'PUBLIC' ? null : ctx.contextValue.caller.orgId;
    collector.root(def, node, data[key], args, scopeOrg ?? null);
  }
  return collector.deps;
}

function rootFields(operation: OperationDefinitionNode, fragments: Fragments): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (selection: SelectionSetNode) => {
    for (const s of selection.selections) {
      if (s.kind === 'Field') out.push(s);
      else if (s.kind === 'InlineFragment') walk(s.selectionSet);
      else if (fragments[s.name.value]) walk(fragments[s.name.value]!.selectionSet);
    }
  };
  walk(operation.selectionSet);
  return out;
}
