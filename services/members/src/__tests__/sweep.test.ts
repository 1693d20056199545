import {
  addMonths,
  asDate,
  type Caller,
  type ChangeEvent,
  latestRun,
  updateDocument,
} from '@union-graph/subgraph-kit';
import { testCallers } from '@union-graph/subgraph-kit/testing';
import { runSweep, SWEEP_JOB, sweepPeriodMs } from '../domain/sweep';
import { callers, type Fixture, ORGS, startFixture } from './fixtures';

let f: Fixture;
beforeAll(async () => {
  f = await startFixture();
});
afterAll(() => f?.sg.stop());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Noon in China on 2026-07-15: the sweep's day, so six months before is 2026-01-15. */
const AT = new Date('2026-07-15T04:00:00Z');
const CUTOFF = '2026-01-15';
const published: unknown[][] = [];
const sweep = (replica: string, at = AT) =>
  runSweep(f.models, {
    replica,
    // Hourly periods: several periods fall on one day, with the same six-month cutoff.
    periodMs: HOUR,
    at,
    publish: async (events) => {
      published.push(events);
    },
  });

const REVIEW = `query($o: ID!, $p: Boolean) { duesReview(organizationId: $o, proposed: $p, first: 100) { nodes { id } } }`;
const STATUS = `query($o: ID!) { withdrawalSweep(organizationId: $o) {
  intervalMinutes nextDueAt lastRun { startedAt finishedAt replica proposed error }
} }`;

/** A member of bjUnion2 who joined long ago, with the given last dues payment and activity. */
async function member(last: { dues?: string; active?: string } = {}, extra = {}) {
  const id = await f.register({ organizationId: ORGS.bjUnion2._id, joinedAt: '2020-01-01', ...extra });
  await updateDocument(f.models.Member, id, {
    $set: {
      lastDuesPaidAt: last.dues ? asDate(last.dues) : null,
      lastActiveAt: last.active ? asDate(last.active) : null,
    },
  });
  return id;
}

const proposalsOf = (memberId: string) => f.models.WithdrawalProposal.countDocuments({ memberId });
const ids = (res: { data?: { duesReview: { nodes: { id: string }[] } } | null }) =>
  res.data?.duesReview.nodes.map((n) => n.id) ?? [];

describe('the R16 sweep', () => {
  let silent: string;
  let fiveMonths: string;
  let onCutoff: string;
  let dayBefore: string;
  let active: string;
  let retiree: string;

  beforeAll(async () => {
    silent = await member();
    fiveMonths = await member({ dues: '2026-02-15' });
    onCutoff = await member({ dues: CUTOFF });
    dayBefore = await member({ dues: '2026-01-14' });
    active = await member({ dues: '2025-06-01', active: '2026-05-20' });
    retiree = await member();
    const retired = await f.gql(
      `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: RETIRED_RETAINED, reason: "退休") { status } }`,
      callers.national,
      { id: retiree },
    );
    expect(retired.data?.changeMemberStatus.status).toBe('RETIRED_RETAINED');
  });

  it('proposes members silent for 6 months (not 5), never retirees nor the recently active', async () => {
    expect(addMonths(asDate(AT), -6).toISOString().slice(0, 10)).toBe(CUTOFF);
    const { ran, run } = await sweep('replica-a');
    expect(ran).toBe(true);
    expect(run).toMatchObject({ job: SWEEP_JOB, replica: 'replica-a', error: null });
    expect(run.finishedAt).toBeInstanceOf(Date);
    const counts = await Promise.all(
      [silent, dayBefore, fiveMonths, onCutoff, active, retiree].map(proposalsOf),
    );
    expect(counts).toEqual([1, 1, 0, 0, 0, 0]);
    expect(run.result?.proposed).toBe(await f.models.WithdrawalProposal.countDocuments({ runId: run._id }));
    // Each proposal announced once, naming the member and the union.
    const events = published.flat() as { id: string; affects: { id: string }[] }[];
    expect(events.filter((e) => e.id.startsWith(`${silent}@`))).toHaveLength(1);
    expect(events.find((e) => e.id.startsWith(`${silent}@`))?.affects.map((r) => r.id)).toEqual([
      silent,
      ORGS.bjUnion2._id,
    ]);
  });

  it('proposes nothing twice: the same period is not run again, and the next period adds nothing', async () => {
    const again = await sweep('replica-b');
    expect(again.ran).toBe(false);
    expect(again.run.replica).toBe('replica-a');
    const next = await sweep('replica-b', new Date(AT.getTime() + HOUR));
    expect(next.ran).toBe(true);
    expect(next.run.result).toMatchObject({ proposed: 0 });
    expect(await proposalsOf(silent)).toBe(1);
  });

  it('runs once when two replicas race for the period', async () => {
    const at = new Date(AT.getTime() + 5 * HOUR);
    const [a, b] = await Promise.all([sweep('replica-a', at), sweep('replica-b', at)]);
    expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
    expect(a.run._id).toBe(b.run._id);
    expect(
      await f.models.JobRun.countDocuments({ periodStart: new Date(Math.floor(at.getTime() / HOUR) * HOUR) }),
    ).toBe(1);
    expect(await proposalsOf(silent)).toBe(1);
  });

  it('proposes a member again after a payment and a new silence', async () => {
    const later = await member({ dues: '2025-01-01' });
    await sweep('replica-a', new Date(AT.getTime() + 10 * HOUR));
    expect(await proposalsOf(later)).toBe(1);
    await updateDocument(f.models.Member, later, { $set: { lastDuesPaidAt: asDate('2026-02-01') } });
    await sweep('replica-a', new Date('2026-07-31T04:00:00Z'));
    expect(await proposalsOf(later)).toBe(1);
    await sweep('replica-a', new Date('2026-08-02T04:00:00Z'));
    expect(await proposalsOf(later)).toBe(2);
  });

  it('feeds the dues review: proposed or not yet, within the caller’s subtree only', async () => {
    const unproposed = await member();
    const proposed = ids(await f.gql(REVIEW, callers.beijing, { o: ORGS.bjUnion2._id, p: true }));
    expect(proposed).toEqual(expect.arrayContaining([silent, dayBefore]));
    for (const id of [unproposed, fiveMonths, active, retiree]) expect(proposed).not.toContain(id);
    const pending = ids(await f.gql(REVIEW, callers.beijing, { o: ORGS.bjUnion2._id, p: false }));
    expect(pending).toContain(unproposed);
    expect(pending).not.toContain(silent);
    const all = ids(await f.gql(REVIEW, callers.beijing, { o: ORGS.bjUnion2._id }));
    expect(all.length).toBe(proposed.length + pending.length);
    const outside = await f.gql(REVIEW, callers.guangdong, { o: ORGS.bjUnion2._id, p: true });
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The administrator confirms through changeMemberStatus; the member leaves the list.
    const confirmed = await f.gql(
      `mutation($id: ID!) { changeMemberStatus(memberId: $id, status: AUTO_WITHDRAWN, reason: "连续六个月未缴会费未参加活动") { status } }`,
      callers.beijing,
      { id: silent },
    );
    expect(confirmed.data?.changeMemberStatus.status).toBe('AUTO_WITHDRAWN');
    expect(ids(await f.gql(REVIEW, callers.beijing, { o: ORGS.bjUnion2._id, p: true }))).not.toContain(
      silent,
    );
  });

  it('shows its last run by role and scope, counting proposals in the union’s subtree', async () => {
    const latest = await sweep('replica-c', new Date(Date.now() + 30 * DAY));
    expect(latest.ran).toBe(true);
    const inBeijing = await f.models.WithdrawalProposal.countDocuments({ runId: latest.run._id });
    expect(inBeijing).toBeGreaterThan(0);
    const status = await f.gql(STATUS, callers.beijing, { o: ORGS.beijing._id });
    expect(status.data?.withdrawalSweep).toMatchObject({
      intervalMinutes: sweepPeriodMs() / 60_000,
      lastRun: { replica: 'replica-c', proposed: inBeijing, error: null },
    });
    expect(new Date(status.data?.withdrawalSweep.nextDueAt).getTime()).toBeGreaterThan(Date.now());
    const elsewhere = await f.gql(STATUS, callers.national, { o: ORGS.guangdong._id });
    expect(elsewhere.data?.withdrawalSweep.lastRun).toMatchObject({ replica: 'replica-c', proposed: 0 });

    const member = testCallers.member(silent, ORGS.bjUnion2._id);
    for (const [caller, o, code] of [
      [member, ORGS.bjUnion2._id, 'FORBIDDEN'],
      [callers.guangdong, ORGS.beijing._id, 'FORBIDDEN'],
      [callers.national, 'org-none', 'NOT_FOUND'],
    ] as const) {
      const refused = await f.gql(STATUS, caller, { o });
      expect([o, refused.errors?.[0]?.extensions?.code]).toEqual([o, code]);
    }
  });

  it('proposes in rounds exactly what one round proposes, each round announced on its own', async () => {
    for (let i = 0; i < 5; i++) await member({ dues: '2024-03-01' });
    /** A run's proposals and events, without what differs by run (its id and instant). */
    const sweepIn = async (at: Date, batchSize?: number) => {
      const rounds: ChangeEvent[][] = [];
      const { run } = await runSweep(f.models, {
        replica: 'replica-d',
        periodMs: HOUR,
        at,
        batchSize,
        publish: async (events) => {
          rounds.push(events);
        },
      });
      const proposals = await f.models.WithdrawalProposal.find(
        { runId: run._id },
        { runId: 0, proposedAt: 0 },
      )
        .sort({ _id: 1 })
        .lean();
      const events = rounds.flat().map(({ id, affects }) => ({ id, affects }));
      return { run, rounds, proposals, events };
    };
    const at = new Date(Date.now() + 40 * DAY);
    const batched = await sweepIn(at, 2);
    // Only the five new members are newly due; the due already proposed are read, not proposed again.
    expect(batched.run.result).toMatchObject({ proposed: 5 });
    const due = batched.run.result!.due!;
    expect(due).toBeGreaterThan(5);
    expect(batched.rounds).toHaveLength(Math.ceil(due / 2));
    expect(batched.rounds.every((r) => r.length <= 2)).toBe(true);

    // The same members swept again in one round, once the first run's proposals are gone.
    await f.models.WithdrawalProposal.deleteMany({ runId: batched.run._id });
    const whole = await sweepIn(new Date(at.getTime() + HOUR));
    expect(whole.rounds).toHaveLength(1);
    expect(whole.run.result).toEqual(batched.run.result);
    expect(whole.proposals).toEqual(batched.proposals);
    expect(whole.proposals).toHaveLength(5);
    expect(whole.events).toEqual(batched.events);
  });

  it('withholds from an analyst a count of proposals under k (issue #19), not from an administrator', async () => {
    const last = await latestRun(f.models.JobRun, SWEEP_JOB);
    const inUnion = { runId: last!._id, organizationId: ORGS.bjUnion2._id };
    expect(await f.models.WithdrawalProposal.countDocuments(inUnion)).toBe(5);
    const proposed = async (caller: Caller) =>
      (await f.gql(STATUS, caller, { o: ORGS.bjUnion2._id })).data?.withdrawalSweep.lastRun.proposed;
    expect(await proposed(callers.analyst)).toBe(5);
    const oneLess = await f.models.WithdrawalProposal.findOne(inUnion).lean();
    await f.models.WithdrawalProposal.deleteOne({ _id: oneLess!._id });
    expect(await proposed(callers.analyst)).toBeNull();
    expect(await proposed(callers.beijing)).toBe(4);
    // Zero describes nobody: shown.
    expect(
      (await f.gql(STATUS, callers.analyst, { o: ORGS.guangdong._id })).data?.withdrawalSweep.lastRun,
    ).toMatchObject({ proposed: 0 });
  });
});
