import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheHintProblems, type Message, readOwnSdl } from '@union-graph/subgraph-kit';
import {
  CompositionError,
  composeSupergraph,
  REPO_ROOT,
  readSubgraphList,
  SUBGRAPHS_FILE,
  SUPERGRAPH_FILE,
  type SubgraphEntry,
  subgraphSdl,
} from '@union-graph/supergraph';
import { checkProvincialSchema, type Violation } from './check';
import { provincialText, say } from './messages';

/** What a provincial subgraph declares in its package.json under `unionGraph`. */
export interface ProvincialInfo {
  province: string;
  namespace: string;
  port: number;
}

export interface SubgraphViolation extends Violation {
  subgraph: string;
}

export class RegistrationError extends Error {
  constructor(
    message: string,
    readonly violations: SubgraphViolation[],
  ) {
    super(`${message}:\n${violations.map((v) => `  - [${v.subgraph}] ${v.message}`).join('\n')}`);
  }
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** The `unionGraph` block of a subgraph's package.json; core subgraphs have none. */
export function provincialInfo(packageDir: string): ProvincialInfo | undefined {
  const file = join(REPO_ROOT, packageDir, 'package.json');
  if (!existsSync(file)) return undefined;
  return readJson<{ unionGraph?: ProvincialInfo }>(file).unionGraph;
}

/**
 * Checks a subgraph list the way `register` and `npm run check` do: the core composes, every
 * provincial subgraph follows the rules against the core, namespaces and provinces are not taken
 * twice, and everything composes together. Returns the supergraph when there is nothing to report.
 */
export function checkSubgraphList(entries: SubgraphEntry[]): {
  violations: SubgraphViolation[];
  supergraph?: string;
} {
  const provincial = entries.flatMap((entry) => {
    const info = provincialInfo(entry.package);
    return info ? [{ entry, info }] : [];
  });
  const core = entries.filter((e) => !provincial.some((p) => p.entry === e));
  const violations: SubgraphViolation[] = [];
  const composed = (list: SubgraphEntry[], subgraph: string) => {
    try {
      return composeSupergraph(list);
    } catch (e) {
      if (!(e instanceof CompositionError)) throw e;
      violations.push({ subgraph, coordinate: 'supergraph', message: e.message });
      return undefined;
    }
  };
  const coreSupergraphSdl = composed(core, 'core');
  if (!coreSupergraphSdl) return { violations };

  for (const p of provincial) {
    const { entry, info } = p;
    const sdl = readOwnSdl(join(REPO_ROOT, entry.package));
    for (const v of checkProvincialSchema(sdl, { namespace: info.namespace, coreSupergraphSdl }))
      violations.push({ subgraph: entry.name, ...v });
    for (const problem of cacheHintProblems(subgraphSdl(entry)))
      violations.push({ subgraph: entry.name, coordinate: problem.split(':')[0]!, message: problem });
    const clash = provincial.find(
      (o) => o !== p && o.info.namespace.toLowerCase() === info.namespace.toLowerCase(),
    );
    if (clash)
      violations.push({
        subgraph: entry.name,
        coordinate: 'namespace',
        message: say(
          provincialText('namespaceShared', { namespace: info.namespace, other: clash.entry.name }),
        ),
      });
  }
  if (violations.length > 0) return { violations };
  const supergraph = composed(entries, 'supergraph');
  return supergraph ? { violations, supergraph } : { violations };
}

export interface RegistryFiles {
  subgraphsFile?: string;
  supergraphFile?: string;
}

/** Replaces a file in one step, so the gateway's watcher never reads half of it. */
function replaceFile(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function writeRegistry(entries: SubgraphEntry[], files: RegistryFiles, refusal: Message): string {
  const { violations, supergraph } = checkSubgraphList(entries);
  if (!supergraph) throw new RegistrationError(say(refusal), violations);
  replaceFile(files.subgraphsFile ?? SUBGRAPHS_FILE, `${JSON.stringify(entries, null, 2)}\n`);
  replaceFile(files.supergraphFile ?? SUPERGRAPH_FILE, supergraph);
  return supergraph;
}

export interface RegisterOptions extends RegistryFiles {
  name: string;
  /** Defaults to the loopback address on the port its package.json declares. */
  url?: string;
  /** Defaults to `services/<name>`. */
  package?: string;
}

/**
 * Adds (or updates) a provincial subgraph in the subgraph list and recomposes the supergraph; a
 * gateway watching the supergraph file swaps to it without restarting. Nothing is written when a
 * rule or the composition fails, so the last good supergraph keeps serving.
 */
export function registerSubgraph(opts: RegisterOptions): string {
  const pkg = opts.package ?? `services/${opts.name}`;
  const info = provincialInfo(pkg);
  if (!info)
    throw new RegistrationError(say(provincialText('registerRefused', { name: opts.name })), [
      {
        subgraph: opts.name,
        coordinate: 'package.json',
        message: say(provincialText('notProvincial', { pkg })),
      },
    ]);
  const entry: SubgraphEntry = {
    name: opts.name,
    url: opts.url ?? `http://127.0.0.1:${info.port}/graphql`,
    package: pkg,
  };
  const current = readSubgraphList(opts.subgraphsFile ?? SUBGRAPHS_FILE);
  const entries = current.some((e) => e.name === opts.name)
    ? current.map((e) => (e.name === opts.name ? entry : e))
    : [...current, entry];
  return writeRegistry(entries, opts, provincialText('registerRefused', { name: opts.name }));
}

/** Removes a provincial subgraph and recomposes; core subgraphs cannot be removed this way. */
export function unregisterSubgraph(opts: RegistryFiles & { name: string }): string {
  const current = readSubgraphList(opts.subgraphsFile ?? SUBGRAPHS_FILE);
  const entry = current.find((e) => e.name === opts.name);
  const refusal = provincialText('unregisterRefused', { name: opts.name });
  const problem = !entry
    ? provincialText('notRegistered', { name: opts.name })
    : !provincialInfo(entry.package)
      ? provincialText('coreSubgraph', { name: opts.name })
      : undefined;
  if (problem)
    throw new RegistrationError(say(refusal), [
      { subgraph: opts.name, coordinate: 'subgraphs.json', message: say(problem) },
    ]);
  return writeRegistry(
    current.filter((e) => e !== entry),
    opts,
    refusal,
  );
}
