import { COMMON_TYPE_DEFS, personalFields } from '@union-graph/subgraph-kit';
import {
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  parse,
  print,
  type TypeDefinitionNode,
  type TypeExtensionNode,
} from 'graphql';
import { provincialText, say } from './messages';

/**
 * The rules a provincial federation's subgraph follows so that it can join the national graph
 * without colliding with another province or changing what the core subgraphs mean:
 * - its own types start with the namespace (`GdHonor`), its root fields with it in lower case
 *   (`gdHonors`);
 * - it extends only the core entities it is allowed to (Organization, Member), by one of their
 *   keys, adding new namespaced fields and never redefining a core field;
 * - those added fields are nullable, so the subgraph being down nulls them and nothing else;
 * - it takes no field from another subgraph (`@override`) and shares none (`@shareable`);
 * - every field of a person-holding type (its extension of `Member`, and each of its types with a
 *   `memberId` field or a field holding one `Member`) declares `@personal(kind:)`, `NONE` included,
 *   and one holding personal data is nullable (the kit nulls it for whoever may not see it; see
 *   docs/personal-data.md).
 */

export interface Violation {
  /** The offending type or field, e.g. `Organization.name`. */
  coordinate: string;
  message: string;
}

export interface ProvincialCheckOptions {
  /** Type prefix, e.g. `Gd`; root and entity fields use it in lower case (`gd`). */
  namespace: string;
  /** The supergraph of the core subgraphs: what exists and which entities have which keys. */
  coreSupergraphSdl: string;
  /** Core entities a provincial subgraph may extend. */
  extensible?: readonly string[];
}

export const EXTENSIBLE_ENTITIES = ['Organization', 'Member'] as const;

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const FORBIDDEN_DIRECTIVES = new Set(['override', 'shareable', 'interfaceObject', 'external']);

interface CoreType {
  fields: Set<string>;
  /** `@key` field sets, normalized; empty for value types. */
  keys: Set<string>;
}

const normalizeFields = (fields: string) => fields.trim().split(/\s+/).join(' ');

function stringArg(directive: ConstDirectiveNode, name: string): string | undefined {
  const arg = directive.arguments?.find((a) => a.name.value === name);
  return arg?.value.kind === Kind.STRING ? arg.value.value : undefined;
}

function typeDefinitions(doc: DocumentNode): (TypeDefinitionNode | TypeExtensionNode)[] {
  return doc.definitions.filter((d) => isTypeDefinitionNode(d) || isTypeExtensionNode(d));
}

/** Types of the core supergraph with their fields and entity keys (join__/link__ machinery left out). */
export function coreTypes(supergraphSdl: string): Map<string, CoreType> {
  const types = new Map<string, CoreType>();
  for (const def of typeDefinitions(parse(supergraphSdl))) {
    const name = def.name.value;
    if (name.startsWith('join__') || name.startsWith('link__')) continue;
    const fields = 'fields' in def && def.fields ? def.fields.map((f) => f.name.value) : [];
    const keys = (def.directives ?? [])
      .filter((d) => d.name.value === 'join__type')
      .map((d) => stringArg(d, 'key'))
      .filter((k): k is string => k !== undefined)
      .map(normalizeFields);
    types.set(name, { fields: new Set(fields), keys: new Set(keys) });
  }
  return types;
}

const COMMON_TYPES = new Set(typeDefinitions(parse(COMMON_TYPE_DEFS)).map((d) => d.name.value));

/** `gdHonors` for namespace `Gd`: the lower-case prefix followed by an upper-case letter. */
export function hasPrefix(name: string, prefix: string): boolean {
  return name.startsWith(prefix) && /^[A-Z]/.test(name.slice(prefix.length));
}

export function checkProvincialSchema(sdl: string, options: ProvincialCheckOptions): Violation[] {
  const { namespace } = options;
  const lower = namespace.charAt(0).toLowerCase() + namespace.slice(1);
  const extensible = new Set<string>(options.extensible ?? EXTENSIBLE_ENTITIES);
  const core = coreTypes(options.coreSupergraphSdl);
  let doc: DocumentNode;
  try {
    doc = parse(sdl);
  } catch (e) {
    return [
      {
        coordinate: 'schema.graphql',
        message: say(provincialText('schemaParse', { detail: (e as Error).message })),
      },
    ];
  }

  const violations: Violation[] = [];
  const report = (coordinate: string, message: string) => violations.push({ coordinate, message });

  const checkDirectives = (coordinate: string, directives: readonly ConstDirectiveNode[] = []) => {
    for (const d of directives) {
      if (FORBIDDEN_DIRECTIVES.has(d.name.value))
        report(coordinate, say(provincialText('ownFieldsOnly', { coordinate, directive: d.name.value })));
    }
  };

  const checkEntityField = (typeName: string, field: FieldDefinitionNode, keyFields: Set<string>) => {
    const coordinate = `${typeName}.${field.name.value}`;
    checkDirectives(coordinate, field.directives);
    if (keyFields.has(field.name.value)) return;
    if (core.get(typeName)?.fields.has(field.name.value)) {
      report(coordinate, say(provincialText('coreField', { coordinate, type: typeName })));
    } else if (!hasPrefix(field.name.value, lower)) {
      report(
        coordinate,
        say(
          provincialText('fieldPrefix', {
            coordinate,
            prefix: lower,
            example: `${lower}${capitalize(field.name.value)}`,
          }),
        ),
      );
    } else if (field.type.kind === Kind.NON_NULL_TYPE) {
      report(
        coordinate,
        say(
          provincialText('nullableField', {
            coordinate,
            nullable: print(field.type.type),
            declared: print(field.type),
            type: typeName,
          }),
        ),
      );
    }
  };

  for (const def of typeDefinitions(doc)) {
    const name = def.name.value;
    const fields = 'fields' in def && def.fields ? (def.fields as readonly FieldDefinitionNode[]) : [];
    checkDirectives(name, def.directives);
    if (ROOT_TYPES.has(name)) {
      for (const f of fields) {
        checkDirectives(`${name}.${f.name.value}`, f.directives);
        if (!hasPrefix(f.name.value, lower))
          report(
            `${name}.${f.name.value}`,
            say(
              provincialText('rootFieldPrefix', {
                coordinate: `${name}.${f.name.value}`,
                prefix: lower,
                example: `${lower}${capitalize(f.name.value)}`,
              }),
            ),
          );
      }
      continue;
    }
    if (COMMON_TYPES.has(name)) {
      report(name, say(provincialText('commonType', { type: name })));
      continue;
    }
    const coreType = core.get(name);
    if (!coreType) {
      if (!hasPrefix(name, namespace))
        report(
          name,
          say(
            provincialText('typePrefix', { type: name, prefix: namespace, example: `${namespace}${name}` }),
          ),
        );
      continue;
    }
    if (!extensible.has(name) || coreType.keys.size === 0) {
      report(
        name,
        say(provincialText('coreType', { type: name, extensible: [...extensible].join(' and ') })),
      );
      continue;
    }
    const keys = (def.directives ?? []).filter((d) => d.name.value === 'key');
    const keyFields = new Set<string>();
    if (keys.length === 0) {
      report(name, say(provincialText('coreEntityKey', { type: name, key: [...coreType.keys][0] })));
      continue;
    }
    for (const key of keys) {
      const fieldSet = normalizeFields(stringArg(key, 'fields') ?? '');
      if (!coreType.keys.has(fieldSet))
        report(
          name,
          say(
            provincialText('unknownKey', {
              type: name,
              fieldSet,
              keys: [...coreType.keys].map((k) => `"${k}"`).join(', '),
            }),
          ),
        );
      for (const f of fieldSet.split(' ')) keyFields.add(f);
    }
    for (const f of fields) checkEntityField(name, f, keyFields);
  }
  const refusedTypes = new Set(violations.map((v) => v.coordinate).filter((c) => !c.includes('.')));
  for (const f of personalFields(doc)) {
    const coordinate = `${f.type}.${f.field}`;
    if (refusedTypes.has(f.type)) continue;
    if (f.kind === null) report(coordinate, say(provincialText('personalUndeclared', { coordinate })));
    else if (f.kind !== 'NONE' && !f.nullable)
      report(coordinate, say(provincialText('personalNullable', { coordinate, kind: f.kind })));
  }
  return violations;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
