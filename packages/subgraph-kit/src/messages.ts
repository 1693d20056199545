import type { ApolloServerPlugin } from '@apollo/server';
import type { Language } from '@union-graph/auth';
import type { GraphQLFormattedError } from 'graphql';

export type { Language } from '@union-graph/auth';

/**
 * Every sentence a user reads — errors, rule explanations, report labels, import problems — is an
 * entry of a message catalog: a stable key, named parameters, and its Simplified Chinese and English
 * texts. Users read Chinese, so Chinese is the default; a client asking for English
 * (`Accept-Language`, carried to the subgraphs in the signed caller) gets English. Errors carry the
 * key and parameters in `extensions` (`messageKey`, `messageParams`) beside the stable `code`, so a
 * frontend may branch on them or word them its own way.
 *
 * Each package defines its entries once (`defineMessages`, keys prefixed with its name), which also
 * registers them, so whatever renders a message — a subgraph's response plugin, the gateway — finds
 * its texts by key. A subgraph renders its own messages: a provincial subgraph's catalog never has
 * to reach the gateway.
 */
export interface MessageText {
  zh: string;
  en: string;
}

/** A parameter: a value, or a message rendered in the same language (an enum's label). */
export type MessageParam = string | number | boolean | null | undefined | Message;

/** The `{name}` placeholders of a text, as a union of their names. */
type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** The parameters a catalog entry's texts name: none, or each of them. */
export type MessageParams<T extends MessageText> = [Placeholders<T['zh']>] extends [never]
  ? []
  : [Record<Placeholders<T['zh']>, MessageParam>];

/** A package's typed message constructor (see defineMessages). */
export type MessageFactory<C extends Record<string, MessageText>> = <K extends keyof C & string>(
  key: K,
  ...params: MessageParams<C[K]>
) => Message;

/** A message ready to render in either language. */
export class Message {
  constructor(
    readonly key: string,
    readonly params: Readonly<Record<string, MessageParam>>,
  ) {}

  render(language: Language = 'zh'): string {
    return renderMessage(this.key, this.params, language);
  }
}

const registry = new Map<string, MessageText>();

/**
 * Registers a package's catalog under `prefix` and returns its typed constructor: `t(key, params)`
 * checks at compile time that the key exists and that every placeholder of its texts is given.
 */
export function defineMessages<const C extends Record<string, MessageText>>(
  prefix: string,
  catalog: C,
): MessageFactory<C> {
  for (const [key, text] of Object.entries(catalog)) {
    const full = `${prefix}.${key}`;
    const zh = placeholdersOf(text.zh);
    const en = placeholdersOf(text.en);
    if (zh.join() !== en.join())
      throw new Error(`message ${full}: the Chinese and English texts name different parameters`);
    registry.set(full, text);
  }
  return (key, ...params) =>
    new Message(`${prefix}.${key}`, (params[0] ?? {}) as Record<string, MessageParam>);
}

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

/** A registered message in `language`; an unknown key renders as itself (never an empty string). */
export function renderMessage(
  key: string,
  params: Readonly<Record<string, unknown>>,
  language: Language,
): string {
  const text = registry.get(key);
  if (!text) return key;
  return text[language].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) return whole;
    // A nested message: a Message, or its JSON from an error's extensions ({ key, params }).
    if (typeof value === 'object' && typeof (value as Message).key === 'string') {
      const nested = value as { key: string; params?: Record<string, unknown> };
      return renderMessage(nested.key, nested.params ?? {}, language);
    }
    return String(value);
  });
}

export function isRegisteredMessage(key: unknown): key is string {
  return typeof key === 'string' && registry.has(key);
}

/**
 * The language of a command-line tool: English when `LANG` (or `LC_ALL`, `LC_MESSAGES`) names it,
 * Chinese otherwise — the tools' users read Chinese.
 */
export function cliLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^en\b|^en[_-]/i.test(locale) ? 'en' : 'zh';
}

/**
 * Words the errors of an answer in the caller's language: they are built in Chinese, and those
 * carrying a catalog key are rendered again for a caller who asked for English.
 */
export function languagePlugin<T extends { caller: { language?: Language } }>(): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.caller?.language !== 'en' || response.body.kind !== 'single') return;
          const { singleResult } = response.body;
          singleResult.errors = singleResult.errors?.map((e) => inLanguage(e, 'en'));
        },
      };
    },
  };
}

/** One formatted error in `language`, when it carries a registered message key. */
export function inLanguage(error: GraphQLFormattedError, language: Language): GraphQLFormattedError {
  const key = error.extensions?.messageKey;
  if (!isRegisteredMessage(key)) return error;
  const params = (error.extensions?.messageParams ?? {}) as Record<string, unknown>;
  return { ...error, message: renderMessage(key, params, language) };
}
