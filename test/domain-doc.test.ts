import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * `docs/domain.md` is what source comments cite: every rule number (R…) and opinion paragraph (§…)
 * named in the code has its section there, and every link there leads to a file that exists.
 */
const ROOT = join(__dirname, '..');
const DOC = join(ROOT, 'docs', 'domain.md');
const doc = readFileSync(DOC, 'utf8');

/** Tracked and new source files (schema, code, templates), without generated ones. */
function sources(): string[] {
  const out = execFileSync(
    'git',
    ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.ts', '*.graphql', '*.tmpl'],
    { cwd: ROOT, encoding: 'utf8' },
  );
  return out
    .split('\n')
    .filter(
      (f) =>
        f && !f.includes('__generated__') && f !== 'gateway/supergraph.graphql' && existsSync(join(ROOT, f)),
    );
}

function cited(pattern: RegExp): Map<string, string> {
  const first = new Map<string, string>();
  for (const f of sources())
    for (const m of readFileSync(join(ROOT, f), 'utf8').matchAll(pattern))
      if (!first.has(m[1]!)) first.set(m[1]!, f);
  return first;
}

describe('docs/domain.md', () => {
  it('has a section for every rule the code cites', () => {
    const rules = cited(/\bR(\d{1,2})\b/g);
    expect(rules.size).toBeGreaterThanOrEqual(20);
    const missing = [...rules].filter(([n]) => !new RegExp(`^### R${n}\\b`, 'm').test(doc));
    expect(missing).toEqual([]);
  });

  it('has a row for every paragraph of the opinion the code cites', () => {
    const paragraphs = cited(/§ ?(\d{1,2})\b/g);
    const missing = [...paragraphs].filter(([n]) => !new RegExp(`^\\| §${n} +\\|`, 'm').test(doc));
    expect(missing).toEqual([]);
  });

  it('says for every rule where it is enforced and where it is tested', () => {
    const sections = doc.split(/^### /m).filter((s) => /^R\d+\b/.test(s));
    expect(sections).toHaveLength(20);
    for (const s of sections) {
      const id = s.split(/\s/)[0];
      expect({ id, enforced: /^- Enforced in: .*\]\(\.\.\//m.test(s) }).toEqual({ id, enforced: true });
      expect({ id, tested: /^- Tested in: .*\]\(\.\.\//m.test(s) }).toEqual({ id, tested: true });
    }
  });

  it('links only to files that exist', () => {
    const links = [...doc.matchAll(/\]\((\.\.\/[^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(40);
    expect(links.filter((l) => !existsSync(join(dirname(DOC), l)))).toEqual([]);
  });
});
