import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every update of an existing document goes through the kit's one path (updates.ts): serialized per
 * document in the process, conditional on MongoDB. A direct update call in a subgraph's code would
 * bring back FerretDB's lost updates, so this test fails on any.
 */
const ROOT = join(__dirname, '..');
const DIRECT = /\.(updateOne|updateMany|findOneAndUpdate|findByIdAndUpdate|replaceOne|bulkWrite|save)\(/;

function sourceFiles(): string[] {
  return execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', 'services/*/src/**.ts'],
    {
      cwd: ROOT,
      encoding: 'utf8',
    },
  )
    .split('\n')
    .filter((f) => f && !f.includes('/__tests__/') && !f.includes('/__generated__/'));
}

/** `file:line: code` for every direct update call in the given files. */
function directWrites(files: { name: string; text: string }[]): string[] {
  return files.flatMap(({ name, text }) =>
    text.split('\n').flatMap((line, i) => (DIRECT.test(line) ? [`${name}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the one write path', () => {
  it('no subgraph updates a document around the kit', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(
      directWrites(files.map((name) => ({ name, text: readFileSync(join(ROOT, name), 'utf8') }))),
    ).toEqual([]);
  });

  it('notices a direct update', () => {
    const found = directWrites([
      { name: 'a.ts', text: 'await models.Member.updateOne({ _id: id }, { $set: { name } });\nconst x = 1;' },
      { name: 'b.ts', text: 'await doc.save();' },
    ]);
    expect(found).toEqual([
      'a.ts:1: await models.Member.updateOne({ _id: id }, { $set: { name } });',
      'b.ts:1: await doc.save();',
    ]);
  });
});
