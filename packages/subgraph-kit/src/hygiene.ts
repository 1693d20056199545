import {
  defaultFieldResolver,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  valueFromASTUntyped,
} from 'graphql';
import { addYears, today } from './calendar';
import { BadUserInputError } from './errors';
import type { Message } from './messages';
import { kitText } from './texts';

/**
 * Input hygiene, once for every subgraph: each text and date in a field's arguments is checked
 * before the resolver runs, from the schema alone (`@text`, `@dateRange`, and defaults by field
 * name), so no resolver repeats it and none forgets it. Texts are normalized to NFC; control,
 * invisible and bidirectional-override characters are refused (they hide or reorder what a reader
 * sees); lengths and date ranges are bounded.
 */

const NAME_MAX = 100;
const TEXT_MAX = 2_000;
/** Fields whose text may run over several lines. */
const MULTILINE =
  /(note|notes|description|reason|content|summary|comment|remarks?|details|body|text|address)$/i;
const NAME_LIKE = /(^|[a-z])(name|title)$/i;
// C0/C1 controls except tab and newlines, zero-width and invisible formatting, bidi overrides, BOM.
const FORBIDDEN =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its purpose
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/;
const EARLIEST = new Date('1900-01-01T00:00:00Z');

type Check = (value: unknown, path: string) => unknown;

interface Declared {
  text?: { max?: number; multiline?: boolean };
  dateRange?: { notBefore?: string; notAfter?: string };
}

function directives(def: GraphQLArgument | GraphQLInputField): Declared {
  const out: Declared = {};
  for (const d of def.astNode?.directives ?? []) {
    const args = Object.fromEntries(
      (d.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]),
    );
    if (d.name.value === 'text') out.text = args;
    if (d.name.value === 'dateRange') out.dateRange = args;
  }
  return out;
}

function bound(spec: string | undefined, fallback: () => Date): () => Date {
  if (spec === undefined) return fallback;
  if (spec === 'today') return () => today();
  const at = new Date(`${spec}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) throw new Error(`@dateRange: "${spec}" is neither an ISO date nor "today"`);
  return () => at;
}

/** BAD_USER_INPUT naming the argument path of the value (`input.lines[1].amount`). */
const fail = (path: string, message: Message) => new BadUserInputError(message, path);

function textCheck(name: string, declared: Declared['text'] = {}): Check {
  const max = declared.max ?? (NAME_LIKE.test(name) ? NAME_MAX : TEXT_MAX);
  const multiline = declared.multiline ?? MULTILINE.test(name);
  return (value, path) => {
    if (typeof value !== 'string') return value;
    const text = value.normalize('NFC');
    if (FORBIDDEN.test(text)) throw fail(path, kitText('controlCharacters', { path }));
    if (!multiline && LINE_BREAKS.test(text)) throw fail(path, kitText('singleLine', { path }));
    if ([...text].length > max) throw fail(path, kitText('tooLong', { path, max }));
    return text;
  };
}

function dateCheck(declared: Declared['dateRange'] = {}): Check {
  const notBefore = bound(declared.notBefore, () => EARLIEST);
  const notAfter = bound(declared.notAfter, () => addYears(today(), 100));
  return (value, path) => {
    if (!(value instanceof Date) && typeof value !== 'string') return value;
    const at = new Date(value);
    const [from, to] = [notBefore(), notAfter()];
    if (at < from || at >= new Date(to.getTime() + 86_400_000))
      throw fail(
        path,
        kitText('dateRange', {
          path,
          from: from.toISOString().slice(0, 10),
          to: to.toISOString().slice(0, 10),
        }),
      );
    return value;
  };
}

/** A check for values of `type` at a field named `name`, or null where nothing needs checking. */
function checkFor(type: GraphQLInputType, name: string, declared: Declared, depth = 0): Check | null {
  if (isNonNullType(type)) return checkFor(type.ofType, name, declared, depth);
  if (isListType(type)) {
    const item = checkFor(type.ofType, name, declared, depth);
    return item && ((v, path) => (Array.isArray(v) ? v.map((x, i) => item(x, `${path}[${i}]`)) : v));
  }
  const named = getNamedType(type);
  if (isScalarType(named)) {
    if (named.name === 'String') return textCheck(name, declared.text);
    if (named.name === 'Date' || named.name === 'DateTime') return dateCheck(declared.dateRange);
    return null;
  }
  if (!isInputObjectType(named) || depth > 8) return null;
  const fields = Object.values(named.getFields()).flatMap((f) => {
    const c = checkFor(f.type, f.name, directives(f), depth + 1);
    return c ? [[f.name, c] as const] : [];
  });
  if (fields.length === 0) return null;
  return (v, path) => {
    if (v === null || typeof v !== 'object') return v;
    const out = { ...(v as Record<string, unknown>) };
    for (const [f, c] of fields)
      if (out[f] !== undefined && out[f] !== null) out[f] = c(out[f], `${path}.${f}`);
    return out;
  };
}

function argsCheck(
  field: GraphQLField<unknown, unknown>,
): ((args: Record<string, unknown>) => Record<string, unknown>) | null {
  const checks = field.args.flatMap((a) => {
    const c = checkFor(a.type, a.name, directives(a));
    return c ? [[a.name, c] as const] : [];
  });
  if (checks.length === 0) return null;
  return (args) => {
    const out = { ...args };
    for (const [name, c] of checks)
      if (out[name] !== undefined && out[name] !== null) out[name] = c(out[name], name);
    return out;
  };
}

/** Wraps every resolver whose field takes text or dates, so its arguments arrive checked. */
export function applyInputHygiene(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const check = argsCheck(field);
      if (!check) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => resolve(source, check(args), context, info);
    }
  }
  return schema;
}
