import {
  allOf,
  type BackgroundHost,
  type ChangeEvent,
  today as chinaToday,
  disclosedCount,
  insertIfAbsent,
  latestRun,
  memberRef,
  minimumCountFor,
  now,
  orgRef,
  parseEnv,
  periodOf,
  repeatEvery,
  runOncePerPeriod,
  z,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { MemberDoc, Models, WithdrawalProposalDoc } from '../models';
import { duesReviewFilter } from './dues';

/** The R16 sweep's name in the job runs (`_job_runs`). */
export const SWEEP_JOB = 'R16_SWEEP';

const sweepEnv = z.object({
  /** How often the R16 sweep runs, in minutes (0: never). */
  UNION_GRAPH_R16_SWEEP_MINUTES: z.coerce.number().int().min(0).default(1440),
});

export function sweepPeriodMs(env: NodeJS.ProcessEnv = process.env): number {
  return parseEnv(sweepEnv, env).UNION_GRAPH_R16_SWEEP_MINUTES * 60_000;
}

/** How often a replica checks whether the current period has been swept: a period is never missed by much. */
const CHECK_AT_MOST_EVERY_MS = 5 * 60_000;

/**
 * Members proposed per round. A round's events are one outbox document, and a MongoDB command
 * (that document's insert) holds at most 16 MiB: all of a large sweep's proposals in one went over.
 */
export const SWEEP_BATCH = 500;

type SweptMember = Pick<MemberDoc, '_id' | 'organizationId' | 'joinedAt' | 'lastDuesPaidAt' | 'lastActiveAt'>;

/** What the sweep reads of a member. */
const SWEPT_FIELDS = { organizationId: 1, joinedAt: 1, lastDuesPaidAt: 1, lastActiveAt: 1 };

/** The last day a member showed any sign of membership: joined, paid dues or took part. */
function lastSeen(m: SweptMember): Date {
  const days = [m.joinedAt, m.lastDuesPaidAt, m.lastActiveAt].filter((d): d is Date => d instanceof Date);
  return new Date(Math.max(...days.map((d) => d.getTime())));
}

/** A proposal's key: one per member and silence (see WithdrawalProposalDoc). */
function proposalId(m: SweptMember): string {
  return `${m._id}@${lastSeen(m).toISOString().slice(0, 10)}`;
}

function proposalEvent(p: WithdrawalProposalDoc): ChangeEvent {
  return {
    type: 'WithdrawalProposal',
    id: p._id,
    op: 'upsert',
    version: p.proposedAt.getTime(),
    // The member's place on `duesReview(proposed:)` and the union's sweep status change.
    affects: [memberRef(p.memberId), orgRef(p.organizationId)],
  };
}

/**
 * R16: proposes the withdrawal of every member due for review on `at`'s day (no dues and no
 * activity for 6 months, no reason recorded; retirees are never due), each once per silence.
 * Nothing changes a member: an administrator confirms with `changeMemberStatus(AUTO_WITHDRAWN)`,
 * which checks R16 again as it writes.
 */
async function proposeWithdrawals(
  models: Models,
  publish: (events: ChangeEvent[]) => Promise<void>,
  runId: string,
  at: Date,
  batchSize: number,
): Promise<Record<string, number>> {
  const due = await models.Member.find(duesReviewFilter(chinaToday(at)), SWEPT_FIELDS).lean<SweptMember[]>();
  let proposed = 0;
  for (let i = 0; i < due.length; i += batchSize) {
    const proposals = due.slice(i, i + batchSize).map(
      (m): WithdrawalProposalDoc => ({
        _id: proposalId(m),
        memberId: m._id,
        organizationId: m.organizationId,
        inactiveSince: lastSeen(m),
        proposedAt: at,
        runId,
      }),
    );
    // Each member once per round, so the inserts of a round never race each other.
    const inserted = await Promise.all(proposals.map((p) => insertIfAbsent(models.WithdrawalProposal, p)));
    const created = proposals.filter((_, j) => inserted[j]);
    // Announced round by round: a sweep that fails later has announced what it proposed so far.
    await publish(created.map(proposalEvent));
    proposed += created.length;
  }
  return { due: due.length, proposed };
}

export interface SweepOptions {
  replica: string;
  periodMs: number;
  publish: (events: ChangeEvent[]) => Promise<void>;
  /** The instant to sweep for (default: now, the kit's clock). */
  at?: Date;
  /** Members per round (default SWEEP_BATCH). */
  batchSize?: number;
}

/**
 * One sweep for the period `at` falls in, unless a replica has claimed that period already
 * (`ran: false`): the claim is a unique insert in this subgraph's database, so the sweep runs once
 * across replicas with or without Redis (see the kit's jobs.ts).
 */
export function runSweep(
  models: Models,
  { replica, periodMs, publish, at = now(), batchSize = SWEEP_BATCH }: SweepOptions,
) {
  return runOncePerPeriod(models.JobRun, { job: SWEEP_JOB, periodMs, replica, at }, (periodStart) =>
    proposeWithdrawals(models, publish, `${SWEEP_JOB}@${periodStart.toISOString()}`, at, batchSize),
  );
}

/** The sweep on a timer, in every replica (the period claim keeps it to one run per period). */
export function scheduleSweep(host: BackgroundHost<Models>, periodMs = sweepPeriodMs()): () => void {
  if (periodMs === 0) return () => undefined;
  return repeatEvery(
    Math.min(periodMs, CHECK_AT_MOST_EVERY_MS),
    () => runSweep(host.models, { replica: host.replica, periodMs, publish: host.publish }),
    host.log,
    'R16 sweep',
  );
}

export interface SweepStatus {
  intervalMinutes: number;
  lastRun: {
    startedAt: Date;
    finishedAt: Date | null;
    replica: string;
    /** Proposals of the run in the union's subtree; null when withheld from an analyst (issue #19). */
    proposed: number | null;
    error: string | null;
  } | null;
  nextDueAt: Date | null;
}

/**
 * The sweep's last run and the next due, for a union the caller may see: the run's proposals are
 * counted over that union's subtree (the run itself is nationwide, so only what is in scope shows).
 */
export async function sweepStatus(
  ctx: Context,
  organizationId: string,
  periodMs = sweepPeriodMs(),
): Promise<SweepStatus> {
  ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
  const inScope = await ctx.scope.subtreeFilter(organizationId);
  const last = await latestRun(ctx.models.JobRun, SWEEP_JOB);
  let nextDueAt: Date | null = null;
  if (periodMs > 0) {
    const current = periodOf(now(), periodMs);
    // A period nobody has swept yet is due now: the next check of any replica runs it.
    nextDueAt = last && last.periodStart >= current.start ? current.next : current.start;
  }
  return {
    intervalMinutes: periodMs / 60_000,
    lastRun: last && {
      startedAt: last.startedAt,
      finishedAt: last.finishedAt,
      replica: last.replica,
      // Each proposal names a member who fell silent: a count of persons, held to k for an analyst
      // like `duesReview { totalCount }` (issue #19).
      proposed: disclosedCount(
        await ctx.models.WithdrawalProposal.countDocuments({ runId: last._id, ...inScope }),
        minimumCountFor(ctx.caller),
      ),
      error: last.error,
    },
    nextDueAt,
  };
}

/**
 * `duesReview(proposed:)`: of the members due for review under `base` (scope and union already in
 * it), those the sweep has proposed for their current silence (true) or not yet (false).
 */
export async function proposalFilter(
  ctx: Context,
  base: Record<string, unknown>,
  proposed: boolean | null | undefined,
): Promise<Record<string, unknown>> {
  if (proposed == null) return base;
  const due = await ctx.models.Member.find(base, SWEPT_FIELDS).lean<SweptMember[]>();
  const held = new Set(
    (
      await ctx.models.WithdrawalProposal.find({ _id: { $in: due.map(proposalId) } }, { _id: 1 }).lean<
        Pick<WithdrawalProposalDoc, '_id'>[]
      >()
    ).map((p) => p._id),
  );
  const ids = due.filter((m) => held.has(proposalId(m))).map((m) => m._id);
  return allOf(base, { _id: proposed ? { $in: ids } : { $nin: ids } });
}
