import { join } from 'node:path';
import type { Caller } from '@union-graph/auth';
import {
  CLIENT_NAME,
  CountyOpenLaborAlertsDocument,
  documentId,
  LaborAlertRaisedDocument,
  RaiseLaborAlertDocument,
} from '@union-graph/client';
import { toApolloManifest } from '@union-graph/client/manifest';
import { TrustedDocuments } from '@union-graph/gateway';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { print } from 'graphql';
import { startTestGraph, type TestGraph } from '../support/graph';

/**
 * Trusted documents per app through the gateway, loaded from the registry production deploys
 * mount (deploy/trusted-documents): the county dashboard runs the operations it registered, sent
 * by hash, and nothing else; a client registered for ad-hoc use keeps querying by role; a client
 * the registry does not know is refused.
 */
let graph: TestGraph;
let county: { _id: string; name: string };
let outsider: { _id: string };
let province: { _id: string };

// biome-ignore lint/suspicious/noExplicitAny: response data read by path
type Answer = { status: number; data?: any; errors?: { message: string; extensions?: any }[] };

async function post(caller: Caller, body: Record<string, unknown>): Promise<Answer> {
  const res = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await graph.token(caller)}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as object) };
}

/** A registered operation as the dashboard sends it: the hash alone, never the text. */
const byHash = (document: object, variables: Record<string, unknown>) => ({
  variables,
  extensions: { persistedQuery: { version: 1, sha256Hash: documentId(document) } },
});

const dashboard = (orgId: string): Caller => ({ ...testCallers.orgAdmin(orgId), client: CLIENT_NAME });
const OPEN_COUNT = `query($o: ID!) { laborAlerts(organizationId: $o, openOnly: true) { totalCount nodes { id } } }`;

beforeAll(async () => {
  const registry = TrustedDocuments.fromDirectory(join(__dirname, '..', '..', 'deploy', 'trusted-documents'));
  graph = await startTestGraph({ gateway: { trustedDocuments: registry } });
  const orgs = graph.plan.organizations;
  county = orgs.find((o) => o.level === 'COUNTY')!;
  // A union under the county: the county's own alerts are outside its subtree.
  outsider = orgs.find((o) => o.parentId === county._id)!;
  province = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
}, 120_000);
afterAll(() => graph?.stop());

describe('the county dashboard (trusted only)', () => {
  it('raises an alert and lists its open alerts with its registered documents, sent by hash', async () => {
    const before = await post(
      dashboard(county._id),
      byHash(CountyOpenLaborAlertsDocument, { organizationId: county._id }),
    );
    expect(before.errors).toBeUndefined();
    const raised = await post(
      dashboard(county._id),
      byHash(RaiseLaborAlertDocument, {
        input: {
          organizationId: county._id,
          category: 'WAGE_ARREARS',
          description: '某建筑工地拖欠农民工工资三个月',
          workersAffected: 36,
          idempotencyKey: 'trusted-apps-raise-1',
        },
      }),
    );
    expect(raised.errors).toBeUndefined();
    expect(raised.data.raiseLaborAlert).toMatchObject({
      description: '某建筑工地拖欠农民工工资三个月',
      workersAffected: 36,
      stage: 'WARNED',
      organization: { id: county._id, name: county.name },
    });
    await graph.settled();
    const after = await post(
      dashboard(county._id),
      byHash(CountyOpenLaborAlertsDocument, { organizationId: county._id }),
    );
    expect(after.data.laborAlerts.totalCount).toBe(before.data.laborAlerts.totalCount + 1);
    expect(after.data.laborAlerts.nodes[0]).toMatchObject({ id: raised.data.raiseLaborAlert.id });
  });

  it('may send a registered body as its exact text, and is refused anything else with a stable code', async () => {
    const { body } = toApolloManifest().operations.find((o) => o.name === 'CountyOpenLaborAlerts')!;
    const exact = await post(dashboard(county._id), {
      query: body,
      variables: { organizationId: county._id },
    });
    expect(exact.errors).toBeUndefined();
    expect(exact.data.laborAlerts.totalCount).toBeGreaterThan(0);

    // Ad hoc, and even its own document printed another way: not what was registered.
    for (const query of [OPEN_COUNT, print(CountyOpenLaborAlertsDocument)]) {
      const refused = await post(dashboard(county._id), {
        query,
        variables: { o: county._id, organizationId: county._id },
      });
      expect(refused.status).toBe(403);
      expect(refused.data).toBeUndefined();
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: '客户端 county-dashboard 只能执行其已登记的操作',
          extensions: expect.objectContaining({ code: 'PERSISTED_QUERY_NOT_TRUSTED' }),
        }),
      ]);
    }
  });

  it('subscribes over SSE with its registered subscription only', async () => {
    const stream = async (body: Record<string, unknown>) => {
      const aborted = new AbortController();
      const res = await fetch(`${graph.url}/stream`, {
        method: 'POST',
        signal: aborted.signal,
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          authorization: `Bearer ${await graph.token(dashboard(county._id))}`,
        },
        body: JSON.stringify(body),
      });
      const head = { status: res.status, type: res.headers.get('content-type') ?? '' };
      const refusal = res.ok ? undefined : ((await res.json()) as Answer);
      aborted.abort();
      return { ...head, refusal };
    };
    const registered = await stream({
      query: '',
      ...byHash(LaborAlertRaisedDocument, { organizationId: county._id }),
    });
    expect(registered).toMatchObject({ status: 200, type: expect.stringContaining('text/event-stream') });
    const adHoc = await stream({
      query: 'subscription($o: ID!) { laborAlertRaised(organizationId: $o) { id description } }',
      variables: { o: county._id },
    });
    expect(adHoc.status).toBe(403);
    expect(adHoc.refusal?.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_TRUSTED');
  });

  it('reaches only its own subtree with those documents', async () => {
    const outside = await post(
      dashboard(outsider._id),
      byHash(CountyOpenLaborAlertsDocument, { organizationId: county._id }),
    );
    expect(outside.data).toBeNull();
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('other clients', () => {
  it('run ad hoc by role when registered so, and see the same alerts', async () => {
    const console = { ...testCallers.orgAdmin(province._id), client: 'provincial-console' };
    const adHoc = await post(console, { query: OPEN_COUNT, variables: { o: county._id } });
    expect(adHoc.errors).toBeUndefined();
    const listed = await post(
      dashboard(county._id),
      byHash(CountyOpenLaborAlertsDocument, { organizationId: county._id }),
    );
    expect(adHoc.data.laborAlerts.totalCount).toBe(listed.data.laborAlerts.totalCount);

    // The role still decides: a member through the same client may not raise an alert.
    const member = { ...testCallers.member('m-1', county._id), client: 'provincial-console' };
    const raise = await post(member, {
      query: print(RaiseLaborAlertDocument),
      variables: {
        input: {
          organizationId: county._id,
          category: 'SAFETY',
          description: '安全隐患',
          workersAffected: 3,
        },
      },
    });
    expect(raise.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await graph.settled();
    const unchanged = await post(console, { query: OPEN_COUNT, variables: { o: county._id } });
    expect(unchanged.data.laborAlerts.totalCount).toBe(adHoc.data.laborAlerts.totalCount);
  });

  it('are refused when the registry does not know them', async () => {
    const stranger = await post(
      { ...testCallers.orgAdmin(province._id), client: 'who-knows' },
      { query: OPEN_COUNT, variables: { o: county._id } },
    );
    expect(stranger.status).toBe(401);
    expect(stranger.errors?.[0]).toMatchObject({
      message: '未知的客户端 who-knows',
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});
