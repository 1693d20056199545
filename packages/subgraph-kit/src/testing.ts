import { randomBytes } from 'node:crypto';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { type Caller, signHop } from '@union-graph/auth';
import type { GraphQLFormattedError } from 'graphql';
import { ORG_EVENT_TYPE, ORGANIZATIONS_SUBGRAPH, type OrgRef } from './directory';
import { type ChangeEvent, ownEvents, publishChanges, streamKey } from './events';
import { createLogger } from './logger';
import {
  createSubgraph,
  type SubgraphDefinition,
  type SubgraphRuntimeOptions,
  type SubgraphServer,
} from './server';
import { startTelemetry } from './telemetry';

/**
 * Test support for subgraphs: real servers (the dev stack's FerretDB and Redis, started once per
 * `npm test` run), with a fresh database prefix and Redis keyspace per test file.
 */

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set: run tests through \`npm test\` (it starts FerretDB and Redis)`);
  return value;
}

/** Runtime options private to one test file: its own databases and its own Redis keys. */
export function testRuntime(): Omit<SubgraphRuntimeOptions, 'logger'> & {
  dbPrefix: string;
  keyspace: string;
} {
  const tag = `t${process.env.JEST_WORKER_ID ?? '0'}${randomBytes(4).toString('hex')}`;
  return {
    mongoUrl: required('MONGO_URL'),
    redisUrl: required('REDIS_URL'),
    hopSecret: required('UNION_GRAPH_HOP_SECRET'),
    dbPrefix: `${tag}_`,
    keyspace: `${tag}:`,
  };
}

export const testCallers = {
  national: (): Caller => ({ id: 'national-admin', roles: ['NATIONAL_ADMIN'], orgId: null }),
  analyst: (): Caller => ({ id: 'analyst', roles: ['ANALYST'], orgId: null }),
  orgAdmin: (orgId: string): Caller => ({ id: `admin-${orgId}`, roles: ['ORG_ADMIN'], orgId }),
  member: (memberId: string, orgId: string): Caller => ({
    id: `member-${memberId}`,
    roles: ['MEMBER'],
    orgId,
    memberId,
  }),
};

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: GraphQLFormattedError[];
}

/** Sends an operation the way the gateway does: caller claims signed with the hop secret. */
export async function signedRequest<T = Record<string, unknown>>(
  url: string,
  query: string,
  {
    variables,
    caller,
    secret = required('UNION_GRAPH_HOP_SECRET'),
  }: { variables?: Record<string, unknown>; caller: Caller; secret?: string },
): Promise<GraphQLResponse<T>> {
  const body = JSON.stringify({ query, variables });
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signHop(caller, body, secret) },
    body,
  });
  return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse<T>, 'status'>) };
}

export interface TestSubgraph<TModels> {
  server: SubgraphServer<TModels>;
  url: string;
  request<T = Record<string, unknown>>(
    query: string,
    opts: { variables?: Record<string, unknown>; caller: Caller },
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export async function startTestSubgraph<TModels, TLoaders>(
  def: SubgraphDefinition<TModels, TLoaders>,
  runtime = testRuntime(),
): Promise<TestSubgraph<TModels>> {
  const server = await createSubgraph(def, { ...runtime, logger: createLogger(def.name, 'silent') });
  const url = await server.listen(0);
  return {
    server,
    url,
    request: (query, opts) => signedRequest(url, query, { ...opts, secret: runtime.hopSecret }),
    stop: () => server.stop(),
  };
}

export type DirectoryEntry = Omit<OrgRef, 'version' | 'level' | 'parentId' | 'status'> &
  Partial<Pick<OrgRef, 'level' | 'parentId' | 'status' | 'version'>>;

/**
 * Feeds organizations to a subgraph's directory the way production does — as events on the
 * organizations stream — and waits until the subgraph has applied them.
 */
export async function publishOrgs(server: SubgraphServer<unknown>, orgs: DirectoryEntry[]): Promise<void> {
  await publishChanges(
    server.redis,
    server.keyspace,
    ORGANIZATIONS_SUBGRAPH,
    orgs.map(({ _id, version = 1, ...rest }) => ({
      type: ORG_EVENT_TYPE,
      id: _id,
      op: 'upsert' as const,
      version,
      data: { level: null, parentId: rest.path.at(-2) ?? null, status: 'ACTIVE', ...rest },
    })),
  );
  await server.directory?.caughtUp();
}

/** Every change a subgraph has published itself so far (not what it relays), oldest first. */
export async function publishedEvents(server: SubgraphServer<unknown>): Promise<ChangeEvent[]> {
  const entries = await server.redis.xrange(streamKey(server.keyspace, server.name), '-', '+');
  return ownEvents(
    entries.map(([, fields]) => JSON.parse(fields[fields.indexOf('event') + 1]!) as ChangeEvent),
  );
}

/** One union of a test tree: its parent is named by key, and its path follows from the parent's. */
export type TreeNode<K extends string> = Omit<DirectoryEntry, 'path' | 'parentId'> & { parent?: K };

/**
 * A test tree of unions for a directory, written once per test file as a keyed list (parents
 * first) instead of spelling out every ancestor path by hand.
 */
export function orgTree<K extends string>(nodes: Record<K, TreeNode<NoInfer<K>>>): Record<K, DirectoryEntry> {
  const tree = {} as Record<K, DirectoryEntry>;
  for (const key of Object.keys(nodes) as K[]) {
    const { parent, ...node } = nodes[key];
    if (parent !== undefined && !tree[parent])
      throw new Error(`orgTree: ${key}'s parent ${parent} must come first`);
    tree[key] = { ...node, path: [...(parent === undefined ? [] : tree[parent].path), node._id] };
  }
  return tree;
}

export { SpanKind } from '@opentelemetry/api';
export type { ReadableSpan };

/**
 * Tracing on for this test file's process, its spans kept in memory: start it before the servers
 * (they add their tracing when they start), stop it after them.
 */
export function recordSpans(): { spans(): ReadableSpan[]; stop(): Promise<void> } {
  const exporter = new InMemorySpanExporter();
  const telemetry = startTelemetry('union-graph-test', {
    spanProcessors: [new SimpleSpanProcessor(exporter)],
  })!;
  return { spans: () => exporter.getFinishedSpans(), stop: () => telemetry.shutdown() };
}
