import type { Server } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { type Caller, mintCallerToken } from '@union-graph/auth';
import { createLogger } from '@union-graph/subgraph-kit';
import express from 'express';
import { createAuthenticator } from '../auth';
import { DEFAULT_LIMITS } from '../limits';
import { createMetrics } from '../metrics';
import { DEFAULT_SUBSCRIPTION_OPTIONS, type GatewayOptions } from '../options';
import type { FeedListener } from '../subscriptions/feed';
import { type Execute, SubscriptionHub } from '../subscriptions/hub';
import { sseRoute } from '../subscriptions/sse';
import { apiSchema, subscriptionStarter } from '../subscriptions/start';
import { SupergraphSource } from '../supergraph';
import { sha256, TrustedDocuments } from '../trusted-documents';

/**
 * The SSE transport and the hub with a feed the test drives and answers the test makes up: large
 * ones, so that a client that never reads fills the sockets' buffers after a few events.
 */
const SECRET = 'subscriptions-test-secret-of-sufficient-length';
const log = createLogger('gateway', 'silent');
const metrics = createMetrics();
const options = { ...DEFAULT_SUBSCRIPTION_OPTIONS, maxBufferedBytes: 256 * 1024 };
const listeners: FeedListener[] = [];
const feed = { on: (l: FeedListener) => listeners.push(l), replay: async () => [] };
const LARGE = 'x'.repeat(256 * 1024);
const execute: Execute = async (_caller, query, variables) => {
  if (query.includes('SubscriptionRoot')) return { data: { organization: { id: variables.id } } };
  if (query.includes('SubscriptionCheck'))
    return { data: { entity: { stage: 'WARNED', organization: { id: 'county', ancestors: [] } } } };
  return { data: { laborAlertRaised: { id: variables.subscriptionEntityId, description: LARGE } } };
};
const hub = new SubscriptionHub({ feed, execute, options, metrics, log });
const supergraph = new SupergraphSource({ file: join(__dirname, '../../supergraph.graphql'), log, metrics });
const authenticate = createAuthenticator({ jwtSecret: SECRET });
const servers: Server[] = [];

/** `/graphql/stream` alone, over the shared hub, with the gateway options given. */
async function serve(opts: GatewayOptions): Promise<number> {
  const start = subscriptionStarter({
    opts,
    limits: DEFAULT_LIMITS,
    schema: apiSchema(supergraph),
    execute,
    hub,
  });
  const app = express();
  app.use('/graphql/stream', ...sseRoute({ opts, options, authenticate, start, hub, metrics }));
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  servers.push(server);
  return (server.address() as { port: number }).port;
}

let port: number;
beforeAll(async () => {
  port = await serve({ hopSecret: SECRET });
});
afterAll(async () => {
  hub.close();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});

const admin: Caller = { id: 'admin-county', roles: ['ORG_ADMIN'], orgId: 'county' };
const BODY = JSON.stringify({
  query: 'subscription { laborAlertRaised(organizationId: "county") { id description } }',
});

async function until(check: () => boolean | Promise<boolean>) {
  while (!(await check())) await new Promise(setImmediate);
}
const dropped = async () =>
  (await metrics.subscriptionsDropped.get()).values.find((v) => v.labels.reason === 'slow')?.value ?? 0;

const openStream = (token: string, body = BODY, at = port) =>
  fetch(`http://127.0.0.1:${at}/graphql/stream`, {
    method: 'POST',
    headers: {
      accept: 'text/event-stream',
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
    },
    body,
  });

async function refused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(
    ((await res.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
  ).toBe(code);
}

/** Closes the streams and waits for the hub to let their subscriptions go. */
async function closeAll(streams: Response[]) {
  await Promise.all(streams.map((s) => s.body!.cancel()));
  await until(() => hub.size === 0);
}

let events = 0;
async function publish(): Promise<string> {
  events++;
  const id = `${1000 + events}-0`;
  for (const l of listeners)
    await l('worker-services', [
      { id, event: { type: 'LaborAlert', id: `alert-${events}`, op: 'upsert', version: events } },
    ]);
  return `alert-${events}`;
}

it('drops a subscriber that stopped reading while another keeps receiving', async () => {
  const token = await mintCallerToken(admin, SECRET);
  // A client that sends its request and then never reads a byte.
  const stalled = connect(port, '127.0.0.1');
  stalled.write(
    `POST /graphql/stream HTTP/1.1\r\nHost: gateway\r\nAccept: text/event-stream\r\n` +
      `Content-Type: application/json\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Length: ${Buffer.byteLength(BODY)}\r\n\r\n${BODY}`,
  );
  stalled.pause();
  await until(() => hub.size === 1);

  const res = await openStream(token);
  expect(res.status).toBe(200);
  await until(() => hub.size === 2);
  const reader = res.body!.getReader();
  let text = '';
  const received = async (alert: string) => {
    while (!text.includes(`"id":"${alert}"`)) text += new TextDecoder().decode((await reader.read()).value);
    text = text.slice(text.indexOf(`"id":"${alert}"`));
  };

  // Each event reaches the reading client; meanwhile the other's unread bytes pile up until dropped.
  for (let i = 0; i < 200 && (await dropped()) === 0; i++) await received(await publish());
  expect(await dropped()).toBe(1);
  expect(hub.size).toBe(1);
  await received(await publish());
  expect((await metrics.subscriptions.get()).values).toContainEqual(
    expect.objectContaining({ labels: { transport: 'sse' }, value: 1 }),
  );
  await reader.cancel();
  stalled.destroy();
  await until(() => hub.size === 0);
});

it('refuses a subscriber over its limit with TOO_MANY_SUBSCRIPTIONS', async () => {
  const token = await mintCallerToken(admin, SECRET);
  const open = () => openStream(token);
  const streams = await Promise.all(Array.from({ length: options.maxPerCaller }, open));
  expect(streams.map((s) => s.status)).toEqual(streams.map(() => 200));
  await refused(await open(), 429, 'TOO_MANY_SUBSCRIPTIONS');
  await closeAll(streams);
});

it('lets a trusted-only client subscribe with its registered documents only', async () => {
  const registered = JSON.parse(BODY).query as string;
  const trustedDocuments = new TrustedDocuments({ 'county-dashboard': { trustedOnly: true } }, [
    {
      client: 'county-dashboard',
      manifest: {
        format: 'apollo-persisted-query-manifest',
        operations: [{ id: sha256(registered), body: registered, name: 'AlertRaised' }],
      },
    },
  ]);
  const at = await serve({ hopSecret: SECRET, trustedDocuments });
  const token = await mintCallerToken({ ...admin, client: 'county-dashboard' }, SECRET);
  const byHash = JSON.stringify({
    extensions: { persistedQuery: { version: 1, sha256Hash: sha256(registered) } },
  });
  const accepted = await Promise.all([openStream(token, BODY, at), openStream(token, byHash, at)]);
  expect(accepted.map((r) => r.status)).toEqual([200, 200]);
  const adHoc = await openStream(
    token,
    JSON.stringify({ query: 'subscription { laborAlertRaised(organizationId: "county") { id } }' }),
    at,
  );
  await refused(adHoc, 403, 'PERSISTED_QUERY_NOT_TRUSTED');
  await closeAll(accepted);
});
