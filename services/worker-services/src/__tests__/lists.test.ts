import { testCallers } from '@union-graph/subgraph-kit/testing';
import { type Data, failure, ids, isoDay, useHarness } from './fixtures';

const h = useHarness();

const national = testCallers.national();
const provinceAdmin = testCallers.orgAdmin(ids.province);
const outsider = testCallers.orgAdmin(ids.otherProvince);

const made: Record<string, string> = {};

async function raise(organizationId: string, category: string): Promise<string> {
  const data = await h.ok(
    national,
    'mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { id } }',
    {
      input: { organizationId, category, description: '企业连续两个月拖欠工资', workersAffected: 40 },
    },
  );
  return data.raiseLaborAlert.id;
}

async function dispute(organizationId: string, occurredAt: string): Promise<string> {
  const data = await h.ok(
    national,
    'mutation($input: CollectiveDisputeInput!) { openCollectiveDispute(input: $input) { id } }',
    { input: { organizationId, description: '停工讨薪', workersInvolved: 30, occurredAt } },
  );
  return data.openCollectiveDispute.id;
}

async function openCase(organizationId: string, memberId: string, level: string): Promise<string> {
  const data = await h.ok(
    national,
    'mutation($input: AssistanceCaseInput!) { openAssistanceCase(input: $input) { id } }',
    {
      input: {
        organizationId,
        memberId,
        level,
        causes: ['LOW_INCOME'],
        household: { size: 3, monthlyIncomePerHead: 70_000 },
      },
    },
  );
  return data.openAssistanceCase.id;
}

beforeAll(async () => {
  made.wages = await raise(ids.unionA, 'WAGE_ARREARS');
  made.layoffs = await raise(ids.unionB, 'LAYOFFS');
  made.gdAlert = await raise(ids.otherUnion, 'WAGE_ARREARS');
  await h.ok(national, 'mutation($id: ID!) { assessLaborAlert(id: $id, risk: HIGH) { id } }', {
    id: made.wages,
  });
  // 23:59 and 00:00 in China: the last minute of 1 March and the first of 2 March.
  made.march1 = await dispute(ids.unionA, '2025-03-01T15:59:00Z');
  made.march2 = await dispute(ids.unionB, '2025-03-01T16:00:00Z');
  await h.ok(national, 'mutation($id: ID!) { reportCollectiveDispute(id: $id) { id } }', { id: made.march2 });
  made.deep = await openCase(ids.unionA, 'm-deep', 'DEEP');
  made.relative = await openCase(ids.unionB, 'm-relative', 'RELATIVE');
  made.gdCase = await openCase(ids.otherUnion, 'm-gd', 'DEEP');
  await h.ok(national, 'mutation($id: ID!) { reviewAssistanceCase(id: $id, passed: true) { id } }', {
    id: made.deep,
  });
});

const ids$ = (data: Data, list: string) => data[list].nodes.map((n: { id: string }) => n.id).sort();

describe('subtree lists: one shape for filings, cases, alerts and disputes (filter: status, dates, kind)', () => {
  it('lists a whole province or the whole country, and refuses a root outside the caller’s subtree', async () => {
    const Q = `query($root: ID!) { laborAlerts(organizationId: $root) { totalCount nodes { id } } }`;
    const all = await h.ok(national, Q, { root: ids.national });
    expect(all.laborAlerts.totalCount).toBe(3);
    const henan = await h.ok(provinceAdmin, Q, { root: ids.province });
    expect(ids$(henan, 'laborAlerts')).toEqual([made.wages, made.layoffs].sort());
    expect(failure(await h.gql(outsider, Q, { root: ids.province })).code).toBe('FORBIDDEN');
    expect(failure(await h.gql(provinceAdmin, Q, { root: ids.national })).code).toBe('FORBIDDEN');
  });

  it('filters alerts by stage (as replayed from their steps) and category', async () => {
    const Q = `query($f: LaborAlertFilter) { laborAlerts(organizationId: "${ids.national}", filter: $f) { totalCount nodes { id stage } } }`;
    const assessed = await h.ok(national, Q, { f: { status: 'ASSESSED' } });
    expect(assessed.laborAlerts.nodes).toEqual([{ id: made.wages, stage: 'ASSESSED' }]);
    const warned = await h.ok(national, Q, { f: { status: 'WARNED' } });
    expect(ids$(warned, 'laborAlerts')).toEqual([made.layoffs, made.gdAlert].sort());
    const wages = await h.ok(national, Q, { f: { category: 'WAGE_ARREARS', status: 'WARNED' } });
    expect(ids$(wages, 'laborAlerts')).toEqual([made.gdAlert]);
  });

  it('takes the days of a date range in China’s calendar, both ends included', async () => {
    const Q = `query($f: CollectiveDisputeFilter) { collectiveDisputes(organizationId: "${ids.province}", filter: $f) { nodes { id status } } }`;
    const first = await h.ok(national, Q, { f: { to: '2025-03-01' } });
    expect(ids$(first, 'collectiveDisputes')).toEqual([made.march1]);
    const second = await h.ok(national, Q, { f: { from: '2025-03-02', to: '2025-03-02' } });
    expect(second.collectiveDisputes.nodes).toEqual([{ id: made.march2, status: 'REPORTED' }]);
    const open = await h.ok(national, Q, { f: { status: 'OPEN' } });
    expect(ids$(open, 'collectiveDisputes')).toEqual([made.march1]);
    const inverted = await h.gql(national, Q, { f: { from: '2025-03-02', to: '2025-03-01' } });
    expect(failure(inverted)).toEqual({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(inverted.errors?.[0]?.message).toMatch(/^filter\.to：不能早于/);
  });

  it('filters hardship cases by status, level and the day they were opened; members may not list them', async () => {
    const Q = `query($root: ID!, $f: AssistanceCaseFilter) { assistanceCases(organizationId: $root, filter: $f) { totalCount nodes { id } } }`;
    const reviewed = await h.ok(national, Q, { root: ids.national, f: { status: 'REVIEWED' } });
    expect(ids$(reviewed, 'assistanceCases')).toEqual([made.deep]);
    const deep = await h.ok(provinceAdmin, Q, { root: ids.province, f: { level: 'DEEP' } });
    expect(ids$(deep, 'assistanceCases')).toEqual([made.deep]);
    const openedToday = await h.ok(national, Q, {
      root: ids.national,
      f: { from: isoDay(0), to: isoDay(0) },
    });
    expect(openedToday.assistanceCases.totalCount).toBe(3);
    const tomorrow = await h.ok(national, Q, { root: ids.national, f: { from: isoDay(1) } });
    expect(tomorrow.assistanceCases.totalCount).toBe(0);
    const yesterday = await h.ok(national, Q, { root: ids.national, f: { to: isoDay(-1) } });
    expect(yesterday.assistanceCases.totalCount).toBe(0);
    const member = testCallers.member('m-deep', ids.unionA);
    expect(failure(await h.gql(member, Q, { root: ids.unionA })).code).toBe('FORBIDDEN');
  });

  it('pages a subtree list with first/after like every list', async () => {
    const Q = `query($after: String) { assistanceCases(organizationId: "${ids.national}", first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id } } }`;
    const page1 = await h.ok(national, Q, {});
    expect(page1.assistanceCases.pageInfo.hasNextPage).toBe(true);
    const page2 = await h.ok(national, Q, { after: page1.assistanceCases.pageInfo.endCursor });
    expect(page2.assistanceCases.pageInfo.hasNextPage).toBe(false);
    expect([...ids$(page1, 'assistanceCases'), ...ids$(page2, 'assistanceCases')].sort()).toEqual(
      [made.deep, made.relative, made.gdCase].sort(),
    );
  });
});

describe('hardship cases for an analyst (issue #19)', () => {
  it('withholds a list of cases under k, its count and its page; an administrator reads it whole', async () => {
    const Q = `{ assistanceCases(organizationId: "${ids.national}") { totalCount nodes { id } } }`;
    const analyst = testCallers.analyst();
    await openCase(ids.unionA, 'm-fourth', 'RELATIVE');
    expect((await h.ok(analyst, Q, {})).assistanceCases).toEqual({ totalCount: null, nodes: [] });
    expect((await h.ok(national, Q, {})).assistanceCases.totalCount).toBe(4);
    await openCase(ids.unionB, 'm-fifth', 'RELATIVE');
    const shown = (await h.ok(analyst, Q, {})).assistanceCases;
    expect([shown.totalCount, shown.nodes.length]).toEqual([5, 5]);
  });
});
