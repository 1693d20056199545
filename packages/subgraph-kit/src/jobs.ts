import type { Connection, Model } from 'mongoose';
import { Schema } from 'mongoose';
import { now } from './calendar';
import type { ChangeEvent } from './events';
import type { Logger } from './logger';
import type { RedisClient } from './redis';
import { updateDocument } from './updates';
import { insertIfAbsent } from './writes';

/**
 * Periodic work that must run once per period however many replicas serve the subgraph (members'
 * R16 sweep). A run claims its period by inserting a document whose `_id` names the job and the
 * period: a unique insert is the one write FerretDB performs atomically (its updates are unlocked
 * read-modify-writes, so a lease renewed by a guarded update would guard nothing there), and it
 * needs no Redis, so the job keeps running — once per period — while Redis is down (a Redis
 * `SET NX PX` lock would stop it then, or, dropped on a restart, let two replicas run). The claim
 * expires with its period: a replica that dies mid-run leaves that run unfinished, the next period
 * runs again, so the work must be idempotent. The claims double as the job's visible history.
 */
export interface JobRunDoc {
  /** `<job>@<period start, ISO>`. */
  _id: string;
  job: string;
  periodStart: Date;
  periodMs: number;
  /** The replica that claimed the period (see `BackgroundHost.replica`). */
  replica: string;
  startedAt: Date;
  finishedAt: Date | null;
  /** What the work reported (e.g. how many records it proposed). */
  result: Record<string, number> | null;
  error: string | null;
}

const jobRunSchema = new Schema<JobRunDoc>(
  {
    _id: { type: String, required: true },
    job: { type: String, required: true, index: true },
    periodStart: { type: Date, required: true },
    periodMs: { type: Number, required: true },
    replica: { type: String, required: true },
    startedAt: { type: Date, required: true },
    finishedAt: { type: Date, default: null },
    result: { type: Schema.Types.Mixed, default: null },
    error: { type: String, default: null },
  },
  { collection: '_job_runs', versionKey: false },
);

export function jobRunModel(conn: Connection): Model<JobRunDoc> {
  return conn.models.JobRun ?? conn.model<JobRunDoc>('JobRun', jobRunSchema);
}

/** The period an instant falls in: periods are aligned to the epoch, so every replica agrees. */
export function periodOf(at: Date, periodMs: number): { start: Date; next: Date } {
  const start = Math.floor(at.getTime() / periodMs) * periodMs;
  return { start: new Date(start), next: new Date(start + periodMs) };
}

export interface PeriodicRun {
  job: string;
  periodMs: number;
  replica: string;
  /** The instant whose period to run (default: now, the kit's clock). */
  at?: Date;
}

/**
 * Runs `work` for the period `at` falls in unless a replica (this one included) has claimed it:
 * `ran` is false then, and `run` is the claim that won.
 */
export async function runOncePerPeriod(
  model: Model<JobRunDoc>,
  { job, periodMs, replica, at = now() }: PeriodicRun,
  work: (periodStart: Date) => Promise<Record<string, number>>,
): Promise<{ ran: boolean; run: JobRunDoc }> {
  const { start } = periodOf(at, periodMs);
  const claim: JobRunDoc = {
    _id: `${job}@${start.toISOString()}`,
    job,
    periodStart: start,
    periodMs,
    replica,
    startedAt: now(),
    finishedAt: null,
    result: null,
    error: null,
  };
  if (!(await insertIfAbsent(model, claim))) {
    return { ran: false, run: (await model.findById(claim._id).lean<JobRunDoc>()) ?? claim };
  }
  try {
    const result = await work(start);
    const done = await updateDocument(model, claim._id, { $set: { finishedAt: now(), result } });
    return { ran: true, run: done ?? { ...claim, result } };
  } catch (e) {
    // Recorded so the status shows it, then rethrown for the caller's log; the next period retries.
    await updateDocument(model, claim._id, { $set: { finishedAt: now(), error: String(e) } });
    throw e;
  }
}

/** The job's latest claimed period, or null before its first run. */
export function latestRun(model: Model<JobRunDoc>, job: string): Promise<JobRunDoc | null> {
  return model.findOne({ job }).sort({ periodStart: -1 }).lean<JobRunDoc>().exec();
}

/** What a subgraph's background work gets from the running server (see `SubgraphDefinition.background`). */
export interface BackgroundHost<TModels> {
  models: TModels;
  redis: RedisClient;
  keyspace: string;
  /** This replica's name (host and pid), unique among the replicas. */
  replica: string;
  /** Stores change events with the outbox, as a request's `ctx.publish` does. */
  publish: (events: ChangeEvent[]) => Promise<void>;
  log: Logger;
  /** How often read models ask their sources for everything again; 0 or absent: never. */
  reconcileMs?: number;
}

/**
 * Calls `tick` every `everyMs` (never two at once, never keeping the process alive); failures are
 * logged and the next tick tries again. Returns the stop function.
 */
export function repeatEvery(
  everyMs: number,
  tick: () => Promise<unknown>,
  log: Logger,
  what: string,
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    tick()
      .catch((err: unknown) => log.error({ err }, `${what} failed; the next tick retries`))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
