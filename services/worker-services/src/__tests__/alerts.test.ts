import { countCommands } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { reportedLate } from '../domain/disputes';
import { failure, ids, useHarness } from './fixtures';

const h = useHarness();

const national = testCallers.national();
const adminA = testCallers.orgAdmin(ids.unionA);
const townshipAdmin = testCallers.orgAdmin(ids.township);

const ALERT = 'id stage risk reportedTo { id } dispute { id } steps { step }';
const DISPUTE = 'id status upperUnion { id } reportedAt reportedLate takenOverBy { id } alert { id }';

async function raise(organizationId = ids.unionA, caller = adminA) {
  return (
    await h.ok(caller, `mutation($input: LaborAlertInput!) { raiseLaborAlert(input: $input) { ${ALERT} } }`, {
      input: {
        organizationId,
        category: 'WAGE_ARREARS',
        description: '拖欠两个月工资',
        workersAffected: 120,
      },
    })
  ).raiseLaborAlert;
}

const alertStep = (mutation: string, args = '') =>
  `mutation($id: ID!) { ${mutation}(id: $id${args}) { ${ALERT} } }`;

const openDispute = (input: Record<string, unknown>, caller = adminA) =>
  h.gql(
    caller,
    `mutation($input: CollectiveDisputeInput!) { openCollectiveDispute(input: $input) { ${DISPUTE} } }`,
    {
      input: { organizationId: ids.unionA, description: '集体停工', workersInvolved: 80, ...input },
    },
  );

describe('early warning 预警→预判→预报→紧急处置', () => {
  it('escalates an alert step by step to the upper union', async () => {
    const a = await raise();
    expect(a).toMatchObject({ stage: 'WARNED', risk: null, reportedTo: null });
    expect(failure(await h.gql(adminA, alertStep('reportLaborAlert'), { id: a.id }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(failure(await h.gql(adminA, alertStep('resolveLaborAlert'), { id: a.id })).field).toBe('id');
    const assessed = await h.ok(adminA, alertStep('assessLaborAlert', ', risk: HIGH'), { id: a.id });
    expect(assessed.assessLaborAlert).toMatchObject({ stage: 'ASSESSED', risk: 'HIGH' });
    const reported = await h.ok(adminA, alertStep('reportLaborAlert'), { id: a.id });
    expect(reported.reportLaborAlert).toMatchObject({ stage: 'REPORTED', reportedTo: { id: ids.township } });
    const blank = await h.gql(adminA, alertStep('declareAlertEmergency', ', note: " "'), { id: a.id });
    expect(failure(blank)).toEqual({ code: 'BAD_USER_INPUT', field: 'note' });
    const emergency = await h.ok(adminA, alertStep('declareAlertEmergency', ', note: "启动应急预案"'), {
      id: a.id,
    });
    expect(emergency.declareAlertEmergency.stage).toBe('EMERGENCY');
    const { laborAlerts } = await h.ok(
      townshipAdmin,
      `{ laborAlerts(organizationId: "${ids.township}", openOnly: true) { totalCount } }`,
    );
    expect(laborAlerts.totalCount).toBe(1);
  });

  it('stops a resolved alert from moving or escalating', async () => {
    const a = await raise();
    await h.ok(adminA, alertStep('assessLaborAlert', ', risk: LOW'), { id: a.id });
    const resolved = await h.ok(adminA, alertStep('resolveLaborAlert', ', note: "已协调发放"'), { id: a.id });
    expect(resolved.resolveLaborAlert.stage).toBe('RESOLVED');
    expect(failure(await h.gql(adminA, alertStep('reportLaborAlert'), { id: a.id })).field).toBe('id');
    expect(failure(await openDispute({ alertId: a.id, occurredAt: new Date().toISOString() }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'alertId',
    });
  });
});

describe('collective disputes (R8)', () => {
  let alertId: string;
  let disputeId: string;

  it('escalates an open alert to a dispute that must be reported up', async () => {
    const { laborAlerts } = await h.ok(
      adminA,
      `{ laborAlerts(organizationId: "${ids.unionA}", openOnly: true) { nodes { id } } }`,
    );
    alertId = laborAlerts.nodes[0].id;
    const res = await openDispute({ alertId, occurredAt: new Date(Date.now() - 3_600_000).toISOString() });
    expect(res.errors).toBeUndefined();
    const d = res.data!.openCollectiveDispute;
    expect(d).toMatchObject({
      status: 'OPEN',
      upperUnion: { id: ids.township },
      reportedAt: null,
      reportedLate: false,
      alert: { id: alertId },
    });
    disputeId = d.id;
    const again = await openDispute({ alertId, occurredAt: new Date().toISOString() });
    expect(failure(again)).toEqual({ code: 'CONFLICT', field: 'alertId' });
    const { laborAlert } = await h.ok(adminA, `{ laborAlert(id: "${alertId}") { dispute { id } } }`);
    expect(laborAlert.dispute.id).toBe(disputeId);
    // The alert now shows the dispute, and so do the union's openAlerts.
    const opened = (await publishedEvents(h.subgraph.server)).find((e) => e.id === disputeId);
    expect(opened?.affects).toEqual([
      { type: 'LaborAlert', id: alertId },
      { type: 'Organization', id: ids.unionA },
    ]);
  });

  it('refuses a take-over or resolution before the report, and records the report time', async () => {
    const TAKE = `mutation($id: ID!) { takeOverCollectiveDispute(id: $id) { ${DISPUTE} } }`;
    expect(failure(await h.gql(townshipAdmin, TAKE, { id: disputeId })).field).toBe('id');
    const RESOLVE = `mutation($id: ID!) { resolveCollectiveDispute(id: $id) { ${DISPUTE} } }`;
    expect(failure(await h.gql(adminA, RESOLVE, { id: disputeId })).field).toBe('id');
    const before = Date.now();
    const { reportCollectiveDispute: r } = await h.ok(
      adminA,
      `mutation($id: ID!) { reportCollectiveDispute(id: $id) { ${DISPUTE} } }`,
      {
        id: disputeId,
      },
    );
    expect(r).toMatchObject({ status: 'REPORTED', reportedLate: false });
    expect(Date.parse(r.reportedAt)).toBeGreaterThanOrEqual(before - 1000);
    // 上代下: the grassroots union cannot take its own dispute over; its upper union can.
    expect(failure(await h.gql(adminA, TAKE, { id: disputeId })).code).toBe('FORBIDDEN');
    const { takeOverCollectiveDispute: t } = await h.ok(townshipAdmin, TAKE, { id: disputeId });
    expect(t).toMatchObject({ status: 'TAKEN_OVER', takenOverBy: { id: ids.township } });
    expect(failure(await h.gql(adminA, RESOLVE, { id: disputeId })).code).toBe('FORBIDDEN');
    expect((await h.ok(townshipAdmin, RESOLVE, { id: disputeId })).resolveCollectiveDispute.status).toBe(
      'RESOLVED',
    );
  });

  it('flags a report later than the configured 24 hours, and an unreported dispute past them', async () => {
    const late = await openDispute({ occurredAt: new Date(Date.now() - 25 * 3_600_000).toISOString() });
    expect(late.data?.openCollectiveDispute.reportedLate).toBe(true);
    const reported = await h.ok(
      adminA,
      `mutation($id: ID!) { reportCollectiveDispute(id: $id) { reportedLate } }`,
      {
        id: late.data!.openCollectiveDispute.id,
      },
    );
    expect(reported.reportCollectiveDispute.reportedLate).toBe(true);
    const occurredAt = new Date('2026-05-01T08:00:00Z');
    expect(reportedLate({ occurredAt }, new Date('2026-05-02T08:00:00Z'))).toBe(false);
    expect(reportedLate({ occurredAt }, new Date('2026-05-02T08:00:01Z'))).toBe(true);
  });

  it('refuses a dispute without a union, at a union with no upper union, or in the future', async () => {
    expect(
      failure(
        await openDispute({ organizationId: 'org-missing', occurredAt: new Date().toISOString() }, national),
      ),
    ).toEqual({
      code: 'NOT_FOUND',
      field: 'organizationId',
    });
    expect(
      failure(
        await openDispute({ organizationId: ids.national, occurredAt: new Date().toISOString() }, national),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'organizationId',
    });
    expect(
      failure(await openDispute({ occurredAt: new Date(Date.now() + 3_600_000).toISOString() })),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'occurredAt',
    });
    expect(
      failure(await openDispute({ organizationId: ids.unionB, occurredAt: new Date().toISOString() })).code,
    ).toBe('FORBIDDEN');
  });
});

describe('scope and batching', () => {
  it('hides another province’s alerts and disputes and refuses writes there', async () => {
    const gdAlert = await raise(ids.otherUnion, national);
    const henan = testCallers.orgAdmin(ids.province);
    expect((await h.ok(henan, `{ laborAlert(id: "${gdAlert.id}") { id } }`)).laborAlert).toBeNull();
    expect(
      failure(await h.gql(henan, alertStep('assessLaborAlert', ', risk: LOW'), { id: gdAlert.id })),
    ).toEqual({
      code: 'NOT_FOUND',
      field: 'id',
    });
    expect(
      failure(await h.gql(henan, `{ laborAlerts(organizationId: "${ids.otherProvince}") { totalCount } }`))
        .code,
    ).toBe('FORBIDDEN');
    const analyst = testCallers.analyst();
    expect(
      failure(await h.gql(analyst, alertStep('assessLaborAlert', ', risk: LOW'), { id: gdAlert.id })).code,
    ).toBe('FORBIDDEN');
    const { collectiveDisputes } = await h.ok(
      henan,
      `{ collectiveDisputes(organizationId: "${ids.province}") { totalCount } }`,
    );
    expect(collectiveDisputes.totalCount).toBe(2);
  });

  it('resolves Organization.openAlerts for many unions in a fixed number of commands', async () => {
    await raise(ids.unionB, national);
    const reps = [ids.unionA, ids.unionB, ids.otherUnion, ids.county, ids.township].map((id) => ({
      __typename: 'Organization',
      id,
    }));
    const counter = countCommands(h.subgraph.server.conn);
    const data = await h.ok(
      national,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization {
        openAlerts { id stage dispute { id } } workersHome { id } collectiveContracts { id } modelTitles { id } memberSatisfactionRate } } }`,
      { reps },
    );
    counter.stop();
    expect(data._entities.map((o: { openAlerts: unknown[] }) => o.openAlerts.length)).toEqual([
      1, 1, 1, 0, 0,
    ]);
    // alerts, steps, disputes by alert, homes, contracts, titles, surveys: one command each.
    expect(counter.count).toBeLessThanOrEqual(8);
    const scoped = await h.ok(
      adminA,
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { openAlerts { id } } } }`,
      { reps: [{ __typename: 'Organization', id: ids.otherUnion }] },
    );
    expect(scoped._entities[0].openAlerts).toEqual([]);
  });
});
