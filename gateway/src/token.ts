import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isRole, mintToken } from '@union-graph/auth';

/** Where `npm start` keeps .data/: the repository root, above the gateway. */
const REPO_ROOT = join(__dirname, '..', '..');

/**
 * `npm run token -- --role ORG_ADMIN --org <id> [--member <id>] [--client <name>] [--expires 12h]`
 * prints a development token signed with UNION_GRAPH_JWT_SECRET, or with the secret `npm start`
 * keeps in .data/secrets.json.
 */
function secret(): string {
  if (process.env.UNION_GRAPH_JWT_SECRET) return process.env.UNION_GRAPH_JWT_SECRET;
  const file = join(REPO_ROOT, '.data', 'secrets.json');
  if (existsSync(file)) {
    const s = JSON.parse(readFileSync(file, 'utf8')) as {
      jwtSecret?: string;
      UNION_GRAPH_JWT_SECRET?: string;
    };
    const found = s.UNION_GRAPH_JWT_SECRET ?? s.jwtSecret;
    if (found) return found;
  }
  throw new Error('set UNION_GRAPH_JWT_SECRET, or run `npm start` once to create .data/secrets.json');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      role: { type: 'string', multiple: true, default: ['NATIONAL_ADMIN'] },
      org: { type: 'string' },
      member: { type: 'string' },
      client: { type: 'string' },
      subject: { type: 'string' },
      expires: { type: 'string', default: '12h' },
    },
  });
  const roles = values.role!;
  const bad = roles.find((r) => !isRole(r));
  if (bad) throw new Error(`unknown role ${bad}`);
  const token = await mintToken({
    subject: values.subject ?? `dev-${roles.join('+').toLowerCase()}`,
    claims: {
      roles: roles.filter(isRole),
      org: values.org ?? null,
      ...(values.member ? { member: values.member } : {}),
      ...(values.client ? { client: values.client } : {}),
    },
    secret: secret(),
    expiresIn: values.expires,
  });
  console.log(token);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
