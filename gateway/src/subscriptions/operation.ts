import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
  visit,
} from 'graphql';
import { SUBSCRIPTION_FIELDS, type SubscriptionField } from './fields';

/** The variable carrying an event's entity id into the per-event query. */
export const ENTITY_VARIABLE = 'subscriptionEntityId';

/**
 * A subscription as the gateway runs it: which field, for which union, and the query answering the
 * subscriber's selection for one event's entity (`{ <key>: laborAlert(id: $…) { …selection } }`),
 * executed through the federated graph as the subscriber, so scope and personal-data masking
 * apply exactly as in a query.
 */
export interface CompiledSubscription {
  fieldName: string;
  field: SubscriptionField;
  /** The subscribed union (or organization) id. */
  root: string;
  /** Where the answer sits in the result (the field's alias or name). */
  responseKey: string;
  query: string;
  /** The subscriber's variables the query uses; the entity id is added per event. */
  variables: Record<string, unknown>;
}

export type Compiled =
  | { ok: true; subscription: CompiledSubscription; operation: OperationDefinitionNode }
  | { ok: false; problem: 'notSubscription' | 'notServed' | 'variables'; field?: string; detail?: string };

/** Variables the selection (and the fragments it spreads) still uses once the root's arguments go. */
function usedVariables(nodes: (FieldNode | FragmentDefinitionNode)[]): Set<string> {
  const used = new Set<string>();
  for (const node of nodes)
    visit(node, {
      Variable(v) {
        used.add(v.name.value);
      },
    });
  return used;
}

export function compileSubscription(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  inputs: Record<string, unknown> | null | undefined,
): Compiled {
  const operation = getOperationAST(document, operationName);
  if (operation?.operation !== OperationTypeNode.SUBSCRIPTION)
    return { ok: false, problem: 'notSubscription' };
  // Validation allows exactly one root field in a subscription.
  const node = operation.selectionSet.selections[0] as FieldNode;
  const fieldName = node.name.value;
  const field = SUBSCRIPTION_FIELDS[fieldName];
  const definition = schema.getSubscriptionType()?.getFields()[fieldName];
  if (!field || !definition) return { ok: false, problem: 'notServed', field: fieldName };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], inputs ?? {});
  if (coerced.errors) return { ok: false, problem: 'variables', detail: coerced.errors[0]?.message };
  const root = String(getArgumentValues(definition, node, coerced.coerced)[field.rootArg]);

  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const responseKey = node.alias?.value ?? fieldName;
  const entityField: FieldNode = {
    ...node,
    alias: { kind: Kind.NAME, value: responseKey },
    name: { kind: Kind.NAME, value: field.query },
    arguments: [
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'id' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_VARIABLE } },
      },
    ],
  };
  const used = usedVariables([entityField, ...fragments]);
  const query: OperationDefinitionNode = {
    kind: Kind.OPERATION_DEFINITION,
    operation: OperationTypeNode.QUERY,
    name: operation.name,
    directives: [],
    variableDefinitions: [
      ...(operation.variableDefinitions ?? []).filter((v) => used.has(v.variable.name.value)),
      {
        kind: Kind.VARIABLE_DEFINITION,
        variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: ENTITY_VARIABLE } },
        type: {
          kind: Kind.NON_NULL_TYPE,
          type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'ID' } },
        },
      },
    ],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [entityField] },
  };
  // As the subscriber sent them: the per-event query coerces them again.
  const variables = Object.fromEntries(Object.entries(inputs ?? {}).filter(([name]) => used.has(name)));
  return {
    ok: true,
    operation,
    subscription: {
      fieldName,
      field,
      root,
      responseKey,
      query: print({ kind: Kind.DOCUMENT, definitions: [query, ...fragments] }),
      variables,
    },
  };
}

/** The query reading what the field's check needs of an event's entity. */
export function checkQuery(field: SubscriptionField): string | undefined {
  return field.check
    ? `query SubscriptionCheck($id: ID!) { entity: ${field.query}(id: $id) { ${field.check.selection} } }`
    : undefined;
}
