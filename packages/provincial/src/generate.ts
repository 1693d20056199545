import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { division } from '@union-graph/domain';
import { REPO_ROOT } from '@union-graph/supergraph';
import { provincialText, say } from './messages';
import { provincialInfo } from './registry';

export const TEMPLATE_DIR = join(__dirname, '..', 'template');
/** Provincial subgraphs listen from 4101 up; the core's five use 4001–4005. */
const FIRST_PROVINCIAL_PORT = 4101;

export interface GenerateOptions {
  /** GB/T 2260 province code, e.g. `440000`. */
  province: string;
  /** Folder and subgraph name, e.g. `guangdong`. */
  name: string;
  /** Type prefix, e.g. `Gd`. */
  namespace: string;
  port?: number;
  /** Where `services/` is; the repository by default. */
  root?: string;
}

export class GenerateError extends Error {}

function existingProvincial(root: string) {
  const services = join(root, 'services');
  return readdirSync(services).flatMap((dir) => {
    const info = provincialInfo(relative(REPO_ROOT, join(services, dir)));
    return info ? [{ dir, ...info }] : [];
  });
}

function validate(opts: GenerateOptions, root: string): void {
  const place = division(opts.province);
  if (place?.level !== 'PROVINCE')
    throw new GenerateError(say(provincialText('provinceCode', { province: opts.province })));
  if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(opts.name))
    throw new GenerateError(say(provincialText('nameFormat', { name: opts.name })));
  if (!/^[A-Z][a-z]{1,7}$/.test(opts.namespace))
    throw new GenerateError(say(provincialText('namespaceFormat', { namespace: opts.namespace })));
  if (existsSync(join(root, 'services', opts.name)))
    throw new GenerateError(say(provincialText('folderExists', { name: opts.name })));
  const taken = existingProvincial(root).find(
    (p) => p.namespace.toLowerCase() === opts.namespace.toLowerCase(),
  );
  if (taken)
    throw new GenerateError(
      say(provincialText('namespaceTaken', { namespace: opts.namespace, dir: taken.dir })),
    );
}

const camel = (name: string) => name.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function* templateFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* templateFiles(path);
    else if (entry.name.endsWith('.tmpl')) yield path;
  }
}

/** Creates services/<name> from the template; returns the files written, relative to the root. */
export function generateSubgraph(opts: GenerateOptions): string[] {
  const root = opts.root ?? REPO_ROOT;
  validate(opts, root);
  const ports = existingProvincial(root).map((p) => p.port);
  const values: Record<string, string> = {
    name: opts.name,
    ident: `${camel(opts.name)}Subgraph`,
    province: opts.province,
    provinceName: division(opts.province)!.name,
    otherProvince: opts.province === '110000' ? '310000' : '110000',
    Ns: opts.namespace,
    ns: opts.namespace.toLowerCase(),
    port: String(opts.port ?? Math.max(FIRST_PROVINCIAL_PORT - 1, ...ports) + 1),
  };
  const fill = (text: string) =>
    text.replace(/\{\{(\w+)\}\}/g, (m, key: string) => {
      const value = values[key];
      if (value === undefined)
        throw new GenerateError(say(provincialText('placeholder', { placeholder: m })));
      return value;
    });
  const target = join(root, 'services', opts.name);
  const written: string[] = [];
  for (const file of templateFiles(TEMPLATE_DIR)) {
    const out = join(target, fill(relative(TEMPLATE_DIR, file)).replace(/\.tmpl$/, ''));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, fill(readFileSync(file, 'utf8')));
    written.push(relative(root, out));
  }
  return written.sort();
}
