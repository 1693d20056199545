import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { REPO_ROOT, readSubgraphList } from '@union-graph/supergraph';
import { generateSubgraph } from '../generate';
import { RegistrationError, registerSubgraph, unregisterSubgraph } from '../registry';

// The tools speak the terminal's language; these tests read their English (see messages.test.ts).
const lang = process.env.LANG;
beforeAll(() => {
  process.env.LANG = 'en_US.UTF-8';
});
afterAll(() => {
  if (lang === undefined) delete process.env.LANG;
  else process.env.LANG = lang;
});

/** A private copy of the registry files, and candidate subgraphs generated into a scratch root. */
let dir: string;
let files: { subgraphsFile: string; supergraphFile: string };
const core = readSubgraphList().filter((e) => e.package !== 'services/guangdong');

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'provincial-'));
  mkdirSync(join(dir, 'services'));
  files = { subgraphsFile: join(dir, 'subgraphs.json'), supergraphFile: join(dir, 'supergraph.graphql') };
  writeFileSync(files.subgraphsFile, JSON.stringify(core));
  writeFileSync(files.supergraphFile, 'the last good supergraph');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = () => [
  readFileSync(files.subgraphsFile, 'utf8'),
  readFileSync(files.supergraphFile, 'utf8'),
];

function candidate(name: string, namespace: string, edit?: (sdl: string) => string): string {
  generateSubgraph({ province: '440000', name, namespace, root: dir });
  const pkg = relative(REPO_ROOT, join(dir, 'services', name));
  if (edit) {
    const schema = join(REPO_ROOT, pkg, 'schema.graphql');
    writeFileSync(schema, edit(readFileSync(schema, 'utf8')));
  }
  return pkg;
}

describe('register and unregister', () => {
  it('adds the Guangdong example to the list and its fields to the supergraph, then removes them', () => {
    const sdl = registerSubgraph({ name: 'guangdong', ...files });
    expect(readSubgraphList(files.subgraphsFile).at(-1)).toEqual({
      name: 'guangdong',
      url: 'http://127.0.0.1:4101/graphql',
      package: 'services/guangdong',
    });
    expect(readFileSync(files.supergraphFile, 'utf8')).toBe(sdl);
    expect(sdl).toMatch(/gdHonors: \[GdHonor!\] @join__field\(graph: GUANGDONG\)/);

    const without = unregisterSubgraph({ name: 'guangdong', ...files });
    expect(readSubgraphList(files.subgraphsFile)).toEqual(core);
    expect(without).not.toMatch(/GUANGDONG|gdHonors/);
  });

  it('refuses a candidate that breaks a rule and keeps the last good files', () => {
    const pkg = candidate('rogue', 'Rg', (sdl) =>
      sdl.replace('rgProgrammes: [', 'name: String\n  programmes: ['),
    );
    const before = snapshot();
    expect(() => registerSubgraph({ name: 'rogue', package: pkg, ...files })).toThrow(RegistrationError);
    try {
      registerSubgraph({ name: 'rogue', package: pkg, ...files });
    } catch (e) {
      expect((e as RegistrationError).violations.map((v) => `${v.subgraph} ${v.coordinate}`)).toEqual([
        'rogue Organization.name',
        'rogue Organization.programmes',
      ]);
    }
    expect(snapshot()).toEqual(before);
  });

  it('refuses a candidate whose types carry no cache hint: it would make cross-subgraph answers uncacheable', () => {
    const pkg = candidate('unhinted', 'Uh', (sdl) =>
      sdl.replace(/type Organization (@key\(fields: "id"\)) @cacheControl\([^)]*\)/, 'type Organization $1'),
    );
    const before = snapshot();
    expect(() => registerSubgraph({ name: 'unhinted', package: pkg, ...files })).toThrow(
      /Organization: an entity \(fetched by _entities, a root field\) needs its own maxAge/,
    );
    expect(snapshot()).toEqual(before);
  });

  it('refuses a second subgraph with a namespace already registered', () => {
    registerSubgraph({ name: 'guangdong', ...files });
    const pkg = candidate('guangzhou', 'Gd');
    const before = snapshot();
    expect(() =>
      registerSubgraph({ name: 'guangzhou', package: pkg, url: 'http://127.0.0.1:4102/graphql', ...files }),
    ).toThrow(/namespace Gd is also used by/);
    expect(snapshot()).toEqual(before);
  });

  it('refuses what does not compose, and never removes a core subgraph', () => {
    const pkg = candidate('clash', 'Cl', (sdl) =>
      sdl.replace('clProgrammes: [ClProgramme!]!', 'clProgrammes: Int!'),
    );
    // A root field whose type does not exist: composition fails, the files stay.
    writeFileSync(
      join(REPO_ROOT, pkg, 'schema.graphql'),
      `${readFileSync(join(REPO_ROOT, pkg, 'schema.graphql'), 'utf8')}\ntype Query { clBroken: ClMissing }\n`,
    );
    const before = snapshot();
    expect(() => registerSubgraph({ name: 'clash', package: pkg, ...files })).toThrow(
      /refused, nothing written/,
    );
    expect(() => unregisterSubgraph({ name: 'members', ...files })).toThrow(/members is a core subgraph/);
    expect(snapshot()).toEqual(before);
  });
});
