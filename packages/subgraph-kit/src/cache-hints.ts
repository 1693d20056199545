import {
  type ConstDirectiveNode,
  type DocumentNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
} from 'graphql';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

interface Hint {
  maxAge: boolean;
  inherit: boolean;
}

function hintOf(directives: readonly ConstDirectiveNode[] | undefined): Hint | undefined {
  const d = directives?.find((x) => x.name.value === 'cacheControl');
  if (!d) return undefined;
  const arg = (name: string) => d.arguments?.find((a) => a.name.value === name)?.value;
  const inherit = arg('inheritMaxAge');
  return { maxAge: arg('maxAge') !== undefined, inherit: inherit?.kind === Kind.BOOLEAN && inherit.value };
}

const resolvableEntity = (directives: readonly ConstDirectiveNode[] | undefined) =>
  directives?.some(
    (d) =>
      d.name.value === 'key' &&
      !d.arguments?.some(
        (a) => a.name.value === 'resolvable' && a.value.kind === Kind.BOOLEAN && !a.value.value,
      ),
  ) ?? false;

/**
 * Where a subgraph schema leaves Apollo's cache control at its default of "uncacheable".
 * Apollo gives a field returning an object, and every root field, the default max age 0 unless
 * the field or its type has a hint; one such field anywhere in a response makes the whole
 * response, and every gateway query touching it, uncacheable. Entities are fetched through the
 * root field `_entities`, so a resolvable entity needs a max age of its own, not an inherited one.
 * Returns one line per problem, naming the type or field.
 */
export function cacheHintProblems(sdl: string | DocumentNode): string[] {
  const doc = typeof sdl === 'string' ? parse(sdl) : sdl;
  const problems: string[] = [];
  const types = new Map<string, Hint | undefined>();
  const objects: (ObjectTypeDefinitionNode | ObjectTypeExtensionNode)[] = [];
  for (const def of doc.definitions) {
    if (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION)
      objects.push(def);
    if (
      def.kind === Kind.OBJECT_TYPE_DEFINITION ||
      def.kind === Kind.OBJECT_TYPE_EXTENSION ||
      def.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      def.kind === Kind.UNION_TYPE_DEFINITION
    )
      types.set(def.name.value, types.get(def.name.value) ?? hintOf(def.directives));
  }
  for (const [name, hint] of types) {
    if (ROOT_TYPES.has(name)) continue;
    if (!hint) problems.push(`${name}: no @cacheControl hint (give maxAge, or inheritMaxAge: true)`);
  }
  for (const def of objects) {
    const name = def.name.value;
    if (!ROOT_TYPES.has(name) && resolvableEntity(def.directives) && !types.get(name)?.maxAge)
      problems.push(`${name}: an entity (fetched by _entities, a root field) needs its own maxAge`);
    if (name !== 'Query') continue;
    for (const field of def.fields ?? []) {
      if (hintOf(field.directives)?.maxAge) continue;
      let type = field.type;
      while (type.kind !== Kind.NAMED_TYPE) type = type.type;
      if (!types.get(type.name.value)?.maxAge)
        problems.push(
          `Query.${field.name.value}: a root field needs a maxAge on itself or on the type it returns`,
        );
    }
  }
  return problems;
}
