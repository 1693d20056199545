import { setClock } from '@union-graph/subgraph-kit';
import { publishedEvents, testCallers } from '@union-graph/subgraph-kit/testing';
import { type Funds, type Json, ORG, startFunds } from './fixtures';

let f: Funds;
beforeAll(async () => {
  f = await startFunds();
});
afterAll(() => f?.sub.stop());
afterEach(() => setClock(null));

const eventsFor = async (id: string) => (await publishedEvents(f.sub.server)).filter((e) => e.id === id);

const PLAN = `mutation($input: SubsidyPlanInput!) { createSubsidyPlan(input: $input) { id total } }`;
const plan = (year: number, amount: number, idempotencyKey?: string) => ({
  input: { idempotencyKey, funderId: ORG.gd, year, items: [{ recipientId: ORG.sz, amount }] },
});
const plans = (year: number) => f.sub.server.models.SubsidyPlan.countDocuments({ funderId: ORG.gd, year });

const AUDIT = `mutation($input: FundsAuditInput!) { recordFundsAudit(input: $input) { id conclusion } }`;
const audit = (conclusion: string, over: Record<string, unknown> = {}) => ({
  input: {
    organizationId: ORG.g2,
    auditedById: ORG.ft,
    periodFrom: '2025-01',
    periodTo: '2025-12',
    conductedOn: '2026-02-01',
    conclusion,
    findings: [{ severity: 'NOTE', description: '凭证齐全' }],
    ...over,
  },
});
const audits = (conclusion: string) => f.sub.server.models.FundsAudit.countDocuments({ conclusion });

const ENTER = `mutation($upper: ID!, $lower: ID!, $on: Date!, $key: String) {
  enterCentralizedAccounting(upperId: $upper, lowerId: $lower, startedOn: $on, idempotencyKey: $key) { id active startedOn }
}`;
const END = `mutation($id: ID!, $on: Date!) { endCentralizedAccounting(id: $id, endedOn: $on) { id active endedOn } }`;
const agreements = (lowerId: string) => f.sub.server.models.Agreement.countDocuments({ lowerId });

describe('idempotency keys', () => {
  it('createSubsidyPlan: a repeat with the same key returns the first plan, writes once and publishes once', async () => {
    const first = await f.ok(PLAN, plan(2031, 1_000, 'plan-1'));
    const again = await f.ok(PLAN, plan(2031, 1_000, 'plan-1'));
    expect(again.createSubsidyPlan.id).toBe(first.createSubsidyPlan.id);
    expect(await plans(2031)).toBe(1);
    expect(await eventsFor(first.createSubsidyPlan.id)).toHaveLength(1);
    const other = await f.fails(PLAN, plan(2031, 1_001, 'plan-1'));
    expect(other).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await plans(2031)).toBe(1);
    // Keys are the caller's own: another caller's same key is another plan.
    const theirs = await f.ok(PLAN, plan(2031, 1_000, 'plan-1'), testCallers.orgAdmin(ORG.gd));
    expect(theirs.createSubsidyPlan.id).not.toBe(first.createSubsidyPlan.id);
    expect(await plans(2031)).toBe(2);
  });

  it('createSubsidyPlan: without a key every call is a new plan', async () => {
    const [a, b] = [await f.ok(PLAN, plan(2032, 500)), await f.ok(PLAN, plan(2032, 500))];
    expect(a.createSubsidyPlan.id).not.toBe(b.createSubsidyPlan.id);
    expect(await plans(2032)).toBe(2);
  });

  it('createSubsidyPlan: 20 concurrent repeats of one key write one plan and publish once', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () => f.ok(PLAN, plan(2033, 700, 'plan-burst'))),
    );
    const ids = new Set(results.map((r) => r.createSubsidyPlan.id));
    expect(ids.size).toBe(1);
    expect(await plans(2033)).toBe(1);
    expect(await eventsFor([...ids][0] as string)).toHaveLength(1);
  });

  it('recordFundsAudit: same key returns the first review, other content is CONFLICT, no key appends', async () => {
    const first = await f.ok(AUDIT, audit('复核一', { idempotencyKey: 'audit-1' }));
    const again = await f.ok(AUDIT, audit('复核一', { idempotencyKey: 'audit-1' }));
    expect(again.recordFundsAudit.id).toBe(first.recordFundsAudit.id);
    expect(await audits('复核一')).toBe(1);
    expect(await eventsFor(first.recordFundsAudit.id)).toHaveLength(1);
    const other = await f.fails(AUDIT, audit('复核一', { idempotencyKey: 'audit-1', periodTo: '2025-11' }));
    expect(other).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    expect(await audits('复核一')).toBe(1);
    const [a, b] = [await f.ok(AUDIT, audit('复核二')), await f.ok(AUDIT, audit('复核二'))];
    expect(a.recordFundsAudit.id).not.toBe(b.recordFundsAudit.id);
    expect(await audits('复核二')).toBe(2);
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => f.ok(AUDIT, audit('复核三', { idempotencyKey: 'audit-burst' }))),
    );
    expect(new Set(burst.map((r) => r.recordFundsAudit.id)).size).toBe(1);
    expect(await audits('复核三')).toBe(1);
  });

  it('recordFundsAudit: refuses a malformed key before writing', async () => {
    const e = await f.fails(AUDIT, audit('复核四', { idempotencyKey: 'has spaces' }));
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', field: 'idempotencyKey' });
    expect(await audits('复核四')).toBe(0);
  });

  it('enterCentralizedAccounting: same key returns the first agreement, other content is CONFLICT, no key appends', async () => {
    const vars = { upper: ORG.sz, lower: ORG.ft, on: '2026-01-01', key: 'enter-1' };
    const first = await f.ok(ENTER, vars);
    const again = await f.ok(ENTER, vars);
    expect(again.enterCentralizedAccounting.id).toBe(first.enterCentralizedAccounting.id);
    expect(await agreements(ORG.ft)).toBe(1);
    expect(await eventsFor(first.enterCentralizedAccounting.id)).toHaveLength(1);
    const other = await f.fails(ENTER, { ...vars, on: '2026-01-02' });
    expect(other).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey' });
    // Another key (or none) for a union whose books are already kept is still the natural CONFLICT.
    const second = await f.fails(ENTER, { ...vars, key: 'enter-2' });
    expect(second).toMatchObject({ code: 'CONFLICT', field: 'lowerId' });
    expect(await f.fails(ENTER, { ...vars, key: null })).toMatchObject({
      code: 'CONFLICT',
      field: 'lowerId',
    });
    expect(await agreements(ORG.ft)).toBe(1);

    // Without a key, entering again after an end is a second agreement.
    const noKey = { upper: ORG.sz, lower: ORG.g1, on: '2026-01-01' };
    const a = await f.ok(ENTER, noKey);
    await f.ok(END, { id: a.enterCentralizedAccounting.id, on: '2026-02-01' });
    const b = await f.ok(ENTER, noKey);
    expect(b.enterCentralizedAccounting.id).not.toBe(a.enterCentralizedAccounting.id);
    expect(await agreements(ORG.g1)).toBe(2);
  });
});

describe('concurrent writes', () => {
  it('ends an agreement once when 30 clients end it at once: one date stands, every answer shows it, one event', async () => {
    const { enterCentralizedAccounting: a } = await f.ok(ENTER, {
      upper: ORG.ft,
      lower: ORG.g2,
      on: '2026-01-01',
    });
    const dates = Array.from({ length: 30 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
    const answers = await Promise.all(dates.map((on) => f.ok(END, { id: a.id, on })));
    const stored = await f.sub.server.models.Agreement.findById(a.id).lean();
    const storedOn = stored?.endedOn?.toISOString().slice(0, 10);
    expect(dates).toContain(storedOn);
    expect(answers.map((r: Json) => r.endCentralizedAccounting)).toEqual(
      dates.map(() => ({ id: a.id, active: false, endedOn: storedOn })),
    );
    // The openKey moved off the lower union with the same write.
    expect(stored?.openKey).toBe(a.id);
    const ends = (await eventsFor(a.id)).filter((e) => e.version === 2);
    expect(ends).toHaveLength(1);
    // So the lower union may enter a new agreement.
    const next = await f.ok(ENTER, { upper: ORG.ft, lower: ORG.g2, on: '2026-04-01' });
    expect(next.enterCentralizedAccounting.active).toBe(true);
  });

  it('enters one agreement when 20 clients enter for the same lower union at once without a key', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        f.sub.request(ENTER, {
          variables: { upper: ORG.ft, lower: ORG.town, on: `2026-05-${String(i + 1).padStart(2, '0')}` },
          caller: testCallers.national(),
        }),
      ),
    );
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'CONFLICT')).toHaveLength(19);
    expect(await f.sub.server.models.Agreement.countDocuments({ lowerId: ORG.town, endedOn: null })).toBe(1);
  });
});

describe('China calendar', () => {
  const STATUS = `{ _entities(representations: [{ __typename: "Organization", id: "${ORG.g3}" }]) { ... on Organization { fundsAuditStatus(termYears: 5) { auditedInTerm lastAuditedOn } } } }`;
  const UNAUDITED = `{ unauditedOrganizations(type: "GRASSROOTS", termYears: 5) { nodes { organization { id } } } }`;
  const unaudited = async () =>
    (await f.ok(UNAUDITED)).unauditedOrganizations.nodes.map((n: Json) => n.organization.id);

  it('keeps an audit in the five-year term until Beijing midnight (16:00 UTC), not UTC midnight', async () => {
    await f.ok(
      AUDIT,
      audit('五年前', { organizationId: ORG.g3, auditedById: ORG.hn, conductedOn: '2021-05-09' }),
    );
    // 23:59:59 on 9 May in Beijing: the term began on 9 May 2021, the day of the audit.
    setClock('2026-05-09T15:59:59Z');
    expect((await f.ok(STATUS))._entities[0].fundsAuditStatus).toEqual({
      auditedInTerm: true,
      lastAuditedOn: '2021-05-09',
    });
    expect(await unaudited()).not.toContain(ORG.g3);
    // 00:00 on 10 May in Beijing (still 9 May in UTC): the term now begins after the audit.
    setClock('2026-05-09T16:00:00Z');
    expect((await f.ok(STATUS))._entities[0].fundsAuditStatus.auditedInTerm).toBe(false);
    expect(await unaudited()).toContain(ORG.g3);
  });
});
