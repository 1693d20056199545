import { testCallers } from '@union-graph/subgraph-kit/testing';
import { startTestGraph, type TestGraph } from '../support/graph';

let graph: TestGraph;
beforeAll(async () => {
  graph = await startTestGraph();
});
afterAll(() => graph?.stop());

const national = testCallers.national();

describe('the graph through the gateway', () => {
  it('joins Organization fields from organizations and members in one query', async () => {
    const res = await graph.query<{
      organizations: { totalCount: number; nodes: { id: string; name: string; memberCount: number }[] };
    }>(
      '{ organizations(first: 50, filter: { type: GRASSROOTS }) { totalCount nodes { id name memberCount } } }',
      {
        caller: national,
      },
    );
    expect(res.errors).toBeUndefined();
    const unions = graph.plan.organizations.filter((o) => o.type === 'GRASSROOTS');
    expect(res.data?.organizations.totalCount).toBe(unions.length);
    for (const node of res.data!.organizations.nodes) {
      expect(node.memberCount).toBe(graph.plan.members.filter((m) => m.organizationId === node.id).length);
    }
  });

  it('resolves references across all five subgraphs', async () => {
    const cadre = graph.plan.cadres[0]!;
    const home = graph.plan.workersHomes[0]!;
    const account = graph.plan.fundAccounts[0]!;
    const res = await graph.query<Record<string, { organization: { name: string } }>>(
      `query($c: ID!, $h: ID!, $a: ID!) {
        cadre(id: $c) { position organization { name } member { name } }
        workersHome(id: $h) { name organization { name } }
        fundAccount(id: $a) { balance organization { name } }
      }`,
      { caller: national, variables: { c: cadre._id, h: home._id, a: account._id } },
    );
    expect(res.errors).toBeUndefined();
    const orgName = (id: string) => graph.plan.organizations.find((o) => o._id === id)!.name;
    expect(res.data?.cadre?.organization.name).toBe(orgName(cadre.organizationId));
    expect(res.data?.workersHome?.organization.name).toBe(orgName(home.organizationId));
    expect(res.data?.fundAccount?.organization.name).toBe(orgName(account.organizationId));
  });

  it('refuses a request without a token, and one with a forged token', async () => {
    const none = await graph.query('{ organizations { totalCount } }', {});
    expect(none.status).toBe(401);
    expect(none.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forged = await graph.query('{ organizations { totalCount } }', {
      token: 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln',
    });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.message).toBe('令牌签名或格式无效');
  });

  it('limits a provincial admin to their province', async () => {
    const province = graph.plan.organizations.find((o) => o.level === 'PROVINCE')!;
    const res = await graph.query<{ organizations: { totalCount: number } }>(
      '{ organizations { totalCount } }',
      {
        caller: testCallers.orgAdmin(province._id),
      },
    );
    expect(res.data?.organizations.totalCount).toBe(
      graph.plan.organizations.filter((o) => o.path.includes(province._id)).length,
    );
    const national = graph.plan.organizations.find((o) => o.level === 'NATIONAL')!;
    const outside = await graph.query<{ organization: unknown }>(
      'query($id: ID!) { organization(id: $id) { name } }',
      {
        caller: testCallers.orgAdmin(province._id),
        variables: { id: national._id },
      },
    );
    expect(outside.data?.organization).toBeNull();
  });

  it('gives bad paging arguments a BAD_USER_INPUT error naming the field', async () => {
    const res = await graph.query('{ organizations(first: 1001) { totalCount } }', { caller: national });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('a subgraph reached without the gateway', () => {
  it('refuses an unsigned request with UNAUTHENTICATED', async () => {
    const res = await fetch(graph.subgraphs.organizations!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ organizations { totalCount } }' }),
    });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers its health and readiness probes without a signature', async () => {
    const base = graph.subgraphs.members!.url.replace('/graphql', '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({ status: 'ready' });
  });
});
