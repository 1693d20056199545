import type { Role } from '@union-graph/auth';
import {
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLField,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
  valueFromASTUntyped,
} from 'graphql';
import { refused } from './errors';
import { gatewayText } from './texts';

export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  maxRootFields: number;
  /** Handed to graphql-js's parser: a document with more tokens is refused before parsing ends. */
  maxTokens: number;
  /** Estimated number of objects a query may touch (see `measureOperation`). */
  maxCost: number;
}

/** Per role, limits that replace the gateway's (e.g. a higher cost for national reports). */
export type RoleLimits = Partial<Record<Role, Partial<Omit<QueryLimits, 'maxTokens'>>>>;

/**
 * Introspection is held to these like any other operation (GraphiQL's schema query is 15 deep and
 * costs about 13 000 here, so the explorer fits, once per request).
 */
export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 15,
  maxAliases: 30,
  maxRootFields: 10,
  maxTokens: 5000,
  maxCost: 20_000,
};

/**
 * The limits a caller's query is held to: each limit from the caller's most generous role, so a
 * second role never takes away what the first allows. (Tokens are counted while parsing, before
 * the caller is known, so one token limit holds for everyone.)
 */
export function limitsFor(base: QueryLimits, byRole: RoleLimits, roles: readonly Role[]): QueryLimits {
  const own = roles.map((r) => byRole[r]).filter((l) => l !== undefined);
  if (own.length === 0) return base;
  const most = (key: Exclude<keyof QueryLimits, 'maxTokens'>) =>
    Math.max(...own.map((l) => l[key] ?? base[key]));
  return {
    maxTokens: base.maxTokens,
    maxDepth: most('maxDepth'),
    maxAliases: most('maxAliases'),
    maxRootFields: most('maxRootFields'),
    maxCost: most('maxCost'),
  };
}

/** Page size assumed for a connection asked without `first` (the kit's default page). */
export const DEFAULT_PAGE = 20;
/** Size assumed for a plain list field with no `first` argument. */
export const ASSUMED_LIST_SIZE = 10;

export interface OperationMeasure {
  depth: number;
  aliases: number;
  rootFields: number;
  cost: number;
  /** True when the operation reads `__schema` or `__type` anywhere. */
  introspects: boolean;
}

/** The field a selection names, the introspection fields included (graphql-js keeps them apart). */
function fieldOf(
  parent: GraphQLCompositeType | null | undefined,
  name: string,
  isRoot: boolean,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (isRoot && name === '__schema') return SchemaMetaFieldDef;
  if (isRoot && name === '__type') return TypeMetaFieldDef;
  return parent && 'getFields' in parent
    ? (parent.getFields() as Record<string, GraphQLField<unknown, unknown>>)[name]
    : undefined;
}

function unwrapList(type: GraphQLOutputType): boolean {
  const t = isNonNullType(type) ? type.ofType : type;
  return isListType(t);
}

/**
 * Walks an operation once over the schema. Cost counts every object a field may return: a list
 * field multiplies its subtree by `first` (literal or variable; the default page when omitted),
 * and the lists inside a paged field (`nodes`, `edges`) ride on that page instead of adding to it.
 * Introspection (`__schema`, `__type`, `__typename`) counts like any other field: its aliases are
 * aliases, its depth is depth, and its lists (`types`, `fields`…) cost as plain lists do.
 */
export function measureOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown> = {},
): OperationMeasure {
  let aliases = 0;
  let introspects = false;
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();

  const walk = (
    set: SelectionSetNode,
    parent: GraphQLCompositeType | null | undefined,
    depth: number,
    paged: boolean,
    seen: Set<string>,
  ): { depth: number; cost: number } => {
    let maxDepth = depth;
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        if (sel.alias) aliases++;
        if (sel.name.value === '__schema' || sel.name.value === '__type') introspects = true;
        if (!sel.selectionSet) {
          maxDepth = Math.max(maxDepth, depth + 1);
          continue;
        }
        const field = fieldOf(parent, sel.name.value, parent === root);
        const firstArg = sel.arguments?.find((a) => a.name.value === 'first');
        const hasFirst = !!field?.args.some((a) => a.name === 'first');
        let size = 1;
        if (hasFirst) {
          const given = firstArg ? valueFromASTUntyped(firstArg.value, variables) : undefined;
          size = typeof given === 'number' ? Math.max(given, 0) : DEFAULT_PAGE;
        } else if (field && unwrapList(field.type) && !paged) size = ASSUMED_LIST_SIZE;
        const named = field ? getNamedType(field.type) : undefined;
        const inner = walk(
          sel.selectionSet,
          isCompositeType(named) ? named : null,
          depth + 1,
          hasFirst,
          seen,
        );
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += size * (1 + inner.cost);
      } else {
        const fragment = sel.kind === Kind.FRAGMENT_SPREAD ? fragments[sel.name.value] : sel;
        if (!fragment) continue;
        const name = sel.kind === Kind.FRAGMENT_SPREAD ? sel.name.value : undefined;
        if (name && seen.has(name)) continue; // cycles are a validation error reported elsewhere
        const condition = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parent;
        const inner = walk(
          fragment.selectionSet,
          isCompositeType(condition) ? condition : parent,
          depth,
          paged,
          name ? new Set([...seen, name]) : seen,
        );
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: maxDepth, cost };
  };

  const { depth, cost } = walk(operation.selectionSet, root, 0, false, new Set());
  return {
    depth,
    aliases,
    rootFields: operation.selectionSet.selections.length,
    cost,
    introspects,
  };
}

export function limitError(limit: string, max: number, actual: number): GraphQLError {
  return refused(gatewayText('queryLimit', { limit, max, actual }), 'QUERY_LIMIT_EXCEEDED', 400, {
    limit,
    max,
    actual,
  });
}

/** The first limit an operation breaks, or null. */
export function checkLimits(measure: OperationMeasure, limits: QueryLimits): GraphQLError | null {
  const checks: [string, number, number][] = [
    ['depth', limits.maxDepth, measure.depth],
    ['aliases', limits.maxAliases, measure.aliases],
    ['rootFields', limits.maxRootFields, measure.rootFields],
    ['cost', limits.maxCost, measure.cost],
  ];
  const broken = checks.find(([, max, actual]) => actual > max);
  return broken ? limitError(...broken) : null;
}
