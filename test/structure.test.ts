import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generateSubgraph } from '@union-graph/provincial';
import { REPO_ROOT, readSubgraphList } from '@union-graph/supergraph';
import { parse } from 'graphql';

/**
 * Every subgraph — the core five, the Guangdong example and what `npm run new:subgraph` generates —
 * has the folders and file roles the kit's README sets out (packages/subgraph-kit/README.md).
 */

const PACKAGE_FILES = ['README.md', 'codegen.ts', 'package.json', 'tsconfig.build.json', 'tsconfig.json'];
const SRC_FILES_REQUIRED = ['context.ts', 'index.ts', 'loaders.ts', 'seeding.ts', 'subgraph.ts'];
const SRC_FILES_OPTIONAL = ['messages.ts', 'rules.ts', 'statistics.ts'];
const SRC_FOLDERS = ['__generated__', '__tests__', 'domain', 'models', 'resolvers'];
const SCHEMA_MAX_LINES = 600;
/** Generated and built output, never part of a subgraph's shape. */
const IGNORED = new Set(['node_modules', 'dist', '.turbo', '__generated__']);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (IGNORED.has(name)) return [];
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function lines(path: string): number {
  return readFileSync(path, 'utf8').split('\n').length;
}

/** What is wrong with one subgraph folder's shape; empty when it follows the convention. */
function shapeProblems(dir: string): string[] {
  const problems: string[] = [];
  const has = (p: string) => existsSync(join(dir, p));
  for (const f of PACKAGE_FILES) if (!has(f)) problems.push(`missing ${f}`);

  const single = has('schema.graphql');
  const split = has('schema') ? readdirSync(join(dir, 'schema')).filter((f) => f.endsWith('.graphql')) : [];
  if (single === split.length > 0) problems.push('needs exactly one of schema.graphql or schema/*.graphql');
  const schemaFiles = single ? ['schema.graphql'] : split.map((f) => join('schema', f));
  for (const f of schemaFiles)
    if (lines(join(dir, f)) > SCHEMA_MAX_LINES)
      problems.push(`${f} is over ${SCHEMA_MAX_LINES} lines: split it by area`);
  const sdl = schemaFiles.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
  const types = new Set(parse(sdl).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])));

  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const exportsOf = Object.keys(pkg.exports ?? {}).sort();
  if (exportsOf.join() !== ['.', './seeding'].join())
    problems.push(`package.json exports ${exportsOf.join(', ')} (expected ".", "./seeding")`);

  const src = join(dir, 'src');
  const entries = existsSync(src) ? readdirSync(src) : [];
  for (const f of SRC_FILES_REQUIRED) if (!entries.includes(f)) problems.push(`missing src/${f}`);
  for (const e of entries) {
    const folder = statSync(join(src, e)).isDirectory();
    if (folder ? !SRC_FOLDERS.includes(e) : ![...SRC_FILES_REQUIRED, ...SRC_FILES_OPTIONAL].includes(e))
      problems.push(`src/${e} has no place in the convention`);
  }
  for (const f of [
    'models/index.ts',
    'resolvers/index.ts',
    'resolvers/Query.ts',
    'resolvers/Mutation/index.ts',
  ])
    if (!existsSync(join(src, f))) problems.push(`missing src/${f}`);
  if (filesUnder(join(src, 'domain')).length === 0) problems.push('src/domain/ is empty');
  if (!filesUnder(join(src, '__tests__')).some((f) => f.endsWith('.test.ts')))
    problems.push('no tests in src/__tests__');

  for (const f of filesUnder(join(src, 'resolvers'))) {
    const rel = relative(join(src, 'resolvers'), f);
    const [head, ...rest] = rel.split('/');
    if (rest.length > 0) {
      if (head !== 'Mutation' || rest.length > 1 || !/^([a-z][a-z0-9-]*|index)\.ts$/.test(rest[0]!))
        problems.push(`src/resolvers/${rel}: only Mutation/<area>.ts may sit below resolvers/`);
    } else if (rel !== 'index.ts' && !types.has(rel.replace(/\.ts$/, '')))
      problems.push(`src/resolvers/${rel} names no type of the schema (one file per type)`);
  }
  for (const f of filesUnder(src)) {
    const code = readFileSync(f, 'utf8');
    if (/\bloadRules\(/.test(code) && relative(src, f) !== 'rules.ts')
      problems.push(`${relative(dir, f)} defines rule tables: they belong in src/rules.ts`);
    if (/\bdefineMessages\(/.test(code) && relative(src, f) !== 'messages.ts')
      problems.push(`${relative(dir, f)} defines messages: they belong in src/messages.ts`);
  }
  return problems;
}

describe('every subgraph has one shape', () => {
  const subgraphs = readSubgraphList().map((s) => s.package);

  it.each(subgraphs)('%s follows the convention', (pkg) => {
    expect(shapeProblems(join(REPO_ROOT, pkg))).toEqual([]);
  });

  it('the generator makes a subgraph of the same shape', () => {
    const root = mkdtempSync(join(tmpdir(), 'structure-'));
    try {
      mkdirSync(join(root, 'services'));
      generateSubgraph({ province: '330000', name: 'zhejiang', namespace: 'Zj', root });
      expect(shapeProblems(join(root, 'services', 'zhejiang'))).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('finds what breaks the convention', () => {
    // The checker itself must not pass everything: a subgraph with a stray file and rules elsewhere.
    const root = mkdtempSync(join(tmpdir(), 'structure-'));
    try {
      mkdirSync(join(root, 'services'));
      generateSubgraph({ province: '330000', name: 'zhejiang', namespace: 'Zj', root });
      const dir = join(root, 'services', 'zhejiang');
      const stray = join(dir, 'src', 'helpers.ts');
      writeFileSync(stray, "export const x = loadRules('x');\n");
      expect(shapeProblems(dir)).toEqual([
        'src/helpers.ts has no place in the convention',
        'src/helpers.ts defines rule tables: they belong in src/rules.ts',
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
