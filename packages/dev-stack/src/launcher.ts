import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintToken } from '@union-graph/auth';
import { say, stackText } from './messages';
import { repoRoot } from './paths';
import { type Managed, onShutdown, startProcess, waitUntilReady } from './processes';
import { startDevStack } from './stack';

interface SubgraphEntry {
  name: string;
  url: string;
  package: string;
}

/** Development secrets are made once per checkout and kept in the gitignored .data/ folder. */
function devSecrets(dataDir: string): { hopSecret: string; jwtSecret: string } {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = { hopSecret: randomBytes(32).toString('hex'), jwtSecret: randomBytes(32).toString('hex') };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}

async function httpOk(url: string): Promise<void> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
}

/**
 * `npm start`: the dev stack, a demo data set on first run, the subgraphs and the gateway, as one
 * process tree that Ctrl-C stops.
 */
export async function launch(): Promise<void> {
  const root = repoRoot();
  const dataDir = process.env.UNION_GRAPH_DATA_DIR ?? join(root, '.data');
  const secrets = devSecrets(dataDir);
  const stack = await startDevStack({ dataDir });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MONGO_URL: stack.mongoUrl,
    REDIS_URL: stack.redisUrl,
    UNION_GRAPH_HOP_SECRET: process.env.UNION_GRAPH_HOP_SECRET ?? secrets.hopSecret,
    UNION_GRAPH_JWT_SECRET: process.env.UNION_GRAPH_JWT_SECRET ?? secrets.jwtSecret,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  };
  const ferret = stack.backend === 'postgresql' ? stackText('ferretOnPostgres') : stackText('ferretOnSqlite');
  console.log(
    say(
      stackText('database', {
        url: stack.mongoUrl,
        detail: stack.started.includes('ferretdb') ? ferret : '',
      }),
    ),
  );
  console.log(
    say(
      stackText('cache', {
        url: stack.redisUrl,
        detail: stack.started.includes('redis') ? stackText('redisInMemory') : '',
      }),
    ),
  );

  const seed = startProcess(
    'seed',
    process.execPath,
    [join(root, 'packages/seed/dist/cli.js'), '--scale', 'small', '--if-empty'],
    {
      env,
      inheritOutput: true,
    },
  );
  await seed.exited;
  if (seed.child.exitCode !== 0) throw new Error(say(stackText('seedFailed')));

  const subgraphs: SubgraphEntry[] = JSON.parse(readFileSync(join(root, 'gateway/subgraphs.json'), 'utf8'));
  const procs: Managed[] = [];
  onShutdown(async () => {
    await Promise.all(procs.map((p) => p.stop()));
  });
  procs.push(
    ...subgraphs.map((s) =>
      startProcess(s.name, process.execPath, [join(root, s.package, 'dist/index.js')], {
        env: { ...env, PORT: new URL(s.url).port },
        inheritOutput: true,
      }),
    ),
  );
  await Promise.all(
    subgraphs.map((s, i) => waitUntilReady(procs[i]!, () => httpOk(new URL('/readyz', s.url).toString()))),
  );
  const gatewayPort = process.env.PORT ?? '4000';
  const gateway = startProcess('gateway', process.execPath, [join(root, 'gateway/dist/index.js')], {
    env: { ...env, PORT: gatewayPort },
    inheritOutput: true,
  });
  onShutdown(() => gateway.stop());
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  await waitUntilReady(gateway, () => httpOk(`http://127.0.0.1:${gatewayPort}/readyz`));

  const token = await mintToken({
    subject: 'dev-national-admin',
    claims: { roles: ['NATIONAL_ADMIN'], org: null, client: 'dev' },
    secret: env.UNION_GRAPH_JWT_SECRET!,
  });
  console.log(say(stackText('up', { url: gatewayUrl })));
  console.log(say(stackText('explorer')));
  console.log(say(stackText('token', { token })));
  console.log(
    `${say(stackText('try'))} curl -s ${gatewayUrl} -H 'content-type: application/json' -H "Authorization: Bearer $TOKEN" \\`,
  );
  console.log(`       -d '{"query":"{ organizations(first: 5) { nodes { name type memberCount } } }"}'`);
  console.log(say(stackText('stopHint')));

  const all = [...procs, gateway];
  await Promise.race(all.map((p) => p.exited));
  const dead = all.find((p) => p.child.exitCode !== null || p.child.signalCode !== null);
  console.error(say(stackText('stopped', { name: dead?.name ?? stackText('aProcess') })));
  await Promise.all(all.map((p) => p.stop()));
  await stack.stop();
  process.exit(1);
}
