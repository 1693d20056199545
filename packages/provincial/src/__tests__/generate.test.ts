import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GenerateError, generateSubgraph } from '../generate';

// The tools speak the terminal's language; these tests read their English (see messages.test.ts).
const lang = process.env.LANG;
beforeAll(() => {
  process.env.LANG = 'en_US.UTF-8';
});
afterAll(() => {
  if (lang === undefined) delete process.env.LANG;
  else process.env.LANG = lang;
});

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'provincial-gen-'));
  mkdirSync(join(root, 'services'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('generateSubgraph', () => {
  it('creates a subgraph shaped like the others, with the province’s names filled in', () => {
    const files = generateSubgraph({ province: '330000', name: 'zhejiang', namespace: 'Zj', root });
    expect(files).toEqual(
      [
        'README.md',
        'codegen.ts',
        'package.json',
        'schema.graphql',
        'src/__tests__/fixtures.ts',
        'src/__tests__/programmes.test.ts',
        'src/context.ts',
        'src/domain/programmes.ts',
        'src/index.ts',
        'src/loaders.ts',
        'src/models/index.ts',
        'src/models/programme.ts',
        'src/resolvers/Mutation/index.ts',
        'src/resolvers/Mutation/programmes.ts',
        'src/resolvers/Organization.ts',
        'src/resolvers/Query.ts',
        'src/resolvers/ZjProgramme.ts',
        'src/resolvers/index.ts',
        'src/seeding.ts',
        'src/subgraph.ts',
        'tsconfig.build.json',
        'tsconfig.json',
      ].map((f) => `services/zhejiang/${f}`),
    );
    const pkg = JSON.parse(readFileSync(join(root, 'services/zhejiang/package.json'), 'utf8'));
    expect(pkg.name).toBe('@union-graph/zhejiang');
    expect(pkg.unionGraph).toEqual({ province: '330000', namespace: 'Zj', port: 4101 });
    expect(pkg.exports).toEqual({ '.': './dist/subgraph.js', './seeding': './dist/seeding.js' });
    expect(readFileSync(join(root, 'services/zhejiang/src/subgraph.ts'), 'utf8')).toContain(
      "province: '330000'",
    );
    expect(readFileSync(join(root, 'services/zhejiang/schema.graphql'), 'utf8')).toContain(
      '浙江省工会服务项目',
    );
    for (const f of files) expect(readFileSync(join(root, f), 'utf8')).not.toMatch(/\{\{\w+\}\}/);
  });

  it('takes the next free port and refuses a taken namespace or folder', () => {
    generateSubgraph({ province: '330000', name: 'zhejiang', namespace: 'Zj', root });
    generateSubgraph({ province: '320000', name: 'jiangsu', namespace: 'Js', root });
    expect(
      JSON.parse(readFileSync(join(root, 'services/jiangsu/package.json'), 'utf8')).unionGraph.port,
    ).toBe(4102);
    expect(() => generateSubgraph({ province: '320000', name: 'js2', namespace: 'Js', root })).toThrow(
      'namespace Js is already used by services/jiangsu',
    );
    expect(() => generateSubgraph({ province: '330000', name: 'zhejiang', namespace: 'Zz', root })).toThrow(
      'services/zhejiang already exists',
    );
    expect(existsSync(join(root, 'services/js2'))).toBe(false);
  });

  it('refuses a code that is not a province and malformed names', () => {
    const bad = [
      { province: '440100', name: 'guangzhou', namespace: 'Gz' },
      { province: '440000', name: 'Guangdong', namespace: 'Gd' },
      { province: '440000', name: 'guangdong', namespace: 'gd' },
    ];
    for (const opts of bad) expect(() => generateSubgraph({ ...opts, root })).toThrow(GenerateError);
  });
});
