import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Caller, mintToken } from '@union-graph/auth';
import { type FerretDbBackend, startDevStack } from '@union-graph/dev-stack';
import { connectMongo } from '@union-graph/subgraph-kit';
import { CompositionError, composeSupergraph, SUPERGRAPH_FILE } from '@union-graph/supergraph';
import { subgraphEntries } from './definitions';
import type { ChildConfig, ChildReply, ChildRequest } from './protocol';

export interface ServerStats {
  commands: number;
  roundTrips: number;
  sent: number;
  /** Commands of background work, not of a request, by command and collection. */
  others: Record<string, number>;
  rss: number;
  peakRss: number;
  /** CPU time the process has used so far, user and system (ms). */
  cpuMs: number;
  /** Bytes of the subgraph's statistics read model, when asked for (`readModel`) and it has one. */
  readModelBytes?: number;
}

export interface BenchServer {
  name: string;
  url: string;
  pid: number;
  stats(op?: ChildRequest['op']): Promise<ServerStats>;
}

export interface BenchStack {
  /** Where FerretDB keeps this stack's data (undefined on MONGO_URL's server). */
  backend?: FerretDbBackend;
  mongoUrl: string;
  redisUrl: string;
  dbPrefix: string;
  keyspace: string;
  hopSecret: string;
  caller: Caller;
  token: string;
  /** An ANALYST acting for no union: the country, under disclosure control (issue #19). */
  analystToken: string;
  subgraphs: BenchServer[];
  gateway: BenchServer;
  /** Our gateway without Redis: every plugin but no cache, to see what the hop itself costs. */
  uncachedGateway: BenchServer;
  plainGateway: BenchServer;
  /** Seconds spent loading the data, and starting the servers until their read models caught up. */
  seconds: { load: number; start: number };
  stop(): Promise<void>;
}

const CALLER: Caller = {
  id: 'bench-national-admin',
  roles: ['NATIONAL_ADMIN'],
  orgId: null,
  client: 'bench',
};

export function startChild(
  name: string,
  config: ChildConfig,
): Promise<BenchServer & { child: ChildProcess }> {
  const child = fork(join(__dirname, 'child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  child.send(config);
  let nextId = 0;
  const pending = new Map<number, (s: ServerStats) => void>();
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} during start-up`)));
    child.on('message', (msg: ChildReply) => {
      if (msg.op === 'ready') {
        resolve({
          name,
          url: msg.url,
          pid: child.pid!,
          child,
          stats(op = 'stats') {
            const id = nextId++;
            return new Promise((done) => {
              pending.set(id, done);
              child.send({ op, id } satisfies ChildRequest);
            });
          },
        });
        return;
      }
      pending.get(msg.id)?.(msg);
      pending.delete(msg.id);
    });
  });
}

/**
 * A private stack for one benchmark run: FerretDB (on `backend`) and Redis on throwaway data (or
 * the servers in MONGO_URL / REDIS_URL, under a database prefix and keyspace of its own), the
 * subgraphs (those named in `only`, else all), our gateway and a plain Apollo Gateway, each in its
 * own process. A subgraph left out keeps its supergraph address, where nothing listens: a query
 * asking it fails.
 */
export async function startBenchStack(
  seedData: (target: {
    mongoUrl: string;
    redisUrl: string;
    dbPrefix: string;
    keyspace: string;
  }) => Promise<void>,
  backend?: FerretDbBackend,
  only?: readonly string[],
): Promise<BenchStack> {
  const dev = await startDevStack(backend ? { backend } : {});
  const tag = `bench${randomBytes(3).toString('hex')}`;
  const target = { mongoUrl: dev.mongoUrl, redisUrl: dev.redisUrl, dbPrefix: `${tag}_`, keyspace: `${tag}:` };
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            c.once('exit', () => resolve());
            c.kill('SIGTERM');
          }),
      ),
    );
    await dropDatabases(target.mongoUrl, target.dbPrefix);
    await dev.stop();
  };
  try {
    const began = performance.now();
    await seedData(target);
    const loaded = performance.now();
    const hopSecret = randomBytes(32).toString('hex');
    const jwtSecret = randomBytes(32).toString('hex');
    const track = async (p: Promise<BenchServer & { child: ChildProcess }>) => {
      const s = await p;
      children.push(s.child);
      return s;
    };
    const subgraphs = await Promise.all(
      subgraphEntries()
        .filter((entry) => !only || only.includes(entry.name))
        .map((entry) =>
          track(startChild(entry.name, { kind: 'subgraph', entry, runtime: { ...target, hopSecret } })),
        ),
    );
    const gatewayConfig = {
      supergraphSdl: supergraph(),
      hopSecret,
      jwtSecret,
      subgraphUrls: Object.fromEntries(subgraphs.map((s) => [s.name, s.url])),
      redisUrl: target.redisUrl,
      keyspace: target.keyspace,
      caller: CALLER,
      subscriptions: { maxPerCaller: 100_000, maxPerClient: 100_000 },
    };
    const { redisUrl: _, ...uncached } = gatewayConfig;
    const [gateway, uncachedGateway, plainGateway] = await Promise.all([
      track(startChild('gateway', { kind: 'gateway', gateway: gatewayConfig })),
      track(startChild('gateway-uncached', { kind: 'gateway', gateway: uncached })),
      track(startChild('plain-gateway', { kind: 'plain-gateway', gateway: gatewayConfig })),
    ]);
    const token = await mintToken({
      subject: CALLER.id,
      claims: { roles: CALLER.roles, org: null, client: 'bench' },
      secret: jwtSecret,
    });
    const analystToken = await mintToken({
      subject: 'bench-analyst',
      claims: { roles: ['ANALYST'], org: null, client: 'bench' },
      secret: jwtSecret,
    });
    return {
      ...target,
      ...(dev.backend && { backend: dev.backend }),
      hopSecret,
      caller: CALLER,
      token,
      analystToken,
      subgraphs,
      gateway,
      uncachedGateway,
      plainGateway,
      seconds: { load: (loaded - began) / 1000, start: (performance.now() - loaded) / 1000 },
      stop,
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** The working tree's schemas composed, as the subgraphs run them; the committed file if they do not compose. */
function supergraph(): string {
  try {
    return composeSupergraph();
  } catch (e) {
    if (!(e instanceof CompositionError)) throw e;
    console.error(`${e.message}\nusing the committed ${SUPERGRAPH_FILE} instead`);
    return readFileSync(SUPERGRAPH_FILE, 'utf8');
  }
}

async function dropDatabases(mongoUrl: string, prefix: string): Promise<void> {
  const conn = await connectMongo(mongoUrl, `${prefix}organizations`);
  try {
    const { databases } = await conn.getClient().db().admin().listDatabases({ nameOnly: true });
    for (const { name } of databases)
      if (name.startsWith(prefix)) await conn.getClient().db(name).dropDatabase();
  } finally {
    await conn.close();
  }
}
