import {
  BadUserInputError,
  type ChangeEvent,
  type EntityRef,
  now,
  serializedPer,
  uniqueRefs,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { StepDoc } from '../models';
import { appendRecord, earlierAppend, type Once } from './once';

/** One step of a workflow: the statuses it may follow and the status it leads to. */
export interface StepSpec<S extends string> {
  from: readonly S[];
  to: S | ((passed: boolean) => S);
  /** Repeatable steps (negotiation rounds, assistance given, rechecks) count rounds up from 1. */
  repeatable?: boolean;
  /** Decision steps must say whether the subject passed. */
  decision?: boolean;
}

export interface Flow<
  S extends string,
  D extends { _id: string } = { _id: string },
  K extends string = string,
> {
  subjectType: string;
  initial: S;
  steps: Record<K, StepSpec<S>>;
  /** Entities whose fields here derive from a subject and its steps (e.g. its union's `openAlerts`). */
  affects(subject: D): (EntityRef | null | undefined)[];
}

/**
 * A change event naming the entities it `affects`. Versions are write times throughout this
 * subgraph, so a step's event is newer than the creation's.
 */
export function changeEvent(
  type: string,
  id: string,
  affects: (EntityRef | null | undefined)[] = [],
): ChangeEvent {
  return { type, id, op: 'upsert', version: Date.now(), affects: uniqueRefs(affects) };
}

/** The change event of a subject: created, or moved on by a step. */
export function subjectEvent<D extends { _id: string }>(flow: Flow<string, D>, subject: D): ChangeEvent {
  return changeEvent(flow.subjectType, subject._id, flow.affects(subject));
}

export interface FlowState<S extends string> {
  status: S;
  /** The steps that took effect, oldest first. */
  applied: StepDoc[];
}

/**
 * Replays recorded steps through the transition table. A step that raced past the guard but no
 * longer fits (e.g. assistance recorded just after the case closed) is ignored, so every reader
 * derives the same state from the same append-only records.
 */
export function replay<S extends string>(flow: Flow<S>, steps: readonly StepDoc[]): FlowState<S> {
  let status = flow.initial;
  const applied: StepDoc[] = [];
  const ordered = [...steps].sort((a, b) => +a.at - +b.at || a._id.localeCompare(b._id));
  for (const s of ordered) {
    const spec = flow.steps[s.step];
    if (!spec?.from.includes(status)) continue;
    status = typeof spec.to === 'function' ? spec.to(s.passed === true) : spec.to;
    applied.push(s);
  }
  return { status, applied };
}

export interface StepInput {
  passed?: boolean | null;
  note?: string | null;
  data?: Record<string, unknown>;
}

/** Refuses a step that does not follow from the recorded ones; returns the round to record. */
export function checkStep<S extends string>(
  flow: Flow<S>,
  steps: readonly StepDoc[],
  step: string,
): { round: number; state: FlowState<S> } {
  const spec = flow.steps[step];
  const state = replay(flow, steps);
  if (!spec) throw new BadUserInputError(text('unknownStep', { step }), 'step');
  if (!spec.from.includes(state.status)) {
    throw new BadUserInputError(
      text('stepOutOfOrder', {
        subjectType: flow.subjectType,
        status: state.status,
        step,
        from: spec.from.join('/'),
      }),
      'id',
      { status: state.status, step },
    );
  }
  const round = spec.repeatable ? steps.filter((s) => s.step === step).length + 1 : 1;
  return { round, state };
}

/**
 * Whether the caller already took this step under this idempotency key (CONFLICT when with other
 * input): a repeat answers as the first call did, so checks the first call passed are skipped.
 */
export async function stepTaken(ctx: Context, once: Once | undefined): Promise<boolean> {
  return !!(await earlierAppend(ctx, ctx.models.Step, once));
}

/**
 * The time of a new step: now, but never before the subject's latest step, so replay keeps the
 * order of recording even under a fixed test clock (`setClock`, `UNION_GRAPH_CLOCK`).
 */
function stepTime(steps: readonly StepDoc[]): Date {
  const latest = Math.max(0, ...steps.map((s) => +s.at));
  return new Date(Math.max(now().getTime(), latest + 1));
}

/**
 * Appends a step after checking its order: one insert under the unique (subject, step, round) key,
 * so two concurrent identical steps give one record, and a refused step writes nothing. Within the
 * process the read-check-insert of one subject's steps runs one at a time (the kit's `serializedPer`),
 * so concurrent repeatable steps (assistance, negotiation rounds) all take effect with contiguous
 * rounds; across replicas the unique key still makes the loser a CONFLICT.
 * With an idempotency key (`once`), a repeat returns the state without recording or publishing
 * again, even after the subject moved on. Callers validate everything else before calling.
 */
export async function recordStep<S extends string, D extends { _id: string }>(
  ctx: Context,
  flow: Flow<S, D>,
  subject: D,
  step: string,
  input: StepInput = {},
  once?: Once,
): Promise<FlowState<S>> {
  const subjectId = subject._id;
  return serializedPer(`${ctx.models.Step.db.name}.workflow_steps:${subjectId}`, async () => {
    const steps = await ctx.models.Step.find({ subjectId }).lean<StepDoc[]>();
    if (await stepTaken(ctx, once)) return replay(flow, steps);
    const { round } = checkStep(flow, steps, step);
    if (flow.steps[step]?.decision && typeof input.passed !== 'boolean') {
      throw new BadUserInputError(text('needsDecision', { step }), 'passed');
    }
    const { doc: recorded, created } = await appendRecord<StepDoc>(
      ctx,
      ctx.models.Step,
      {
        subjectId,
        subjectType: flow.subjectType,
        step,
        round,
        at: stepTime(steps),
        by: ctx.caller.id,
        passed: input.passed ?? null,
        note: input.note ?? null,
        data: input.data ?? null,
      },
      once,
      {
        conflict: {
          message: text('stepJustRecorded', { step, subjectType: flow.subjectType, subjectId }),
          field: 'id',
        },
      },
    );
    const all = steps.some((s) => s._id === recorded._id) ? steps : [...steps, recorded];
    ctx.loaders.steps.clear(subjectId).prime(subjectId, all);
    if (created) await ctx.publish([subjectEvent(flow, subject)]);
    return replay(flow, all);
  });
}

/**
 * A filter keeping the subjects of `flow` whose status is `status`, replayed from their steps the
 * way every reader derives it, so a list filtered by status agrees with each item's `status`. One
 * read of the subject type's steps; subjects without steps are in the flow's initial status.
 */
export async function statusFilter<S extends string>(
  ctx: Context,
  flow: Flow<S>,
  status: S,
): Promise<Record<string, unknown>> {
  const steps = await ctx.models.Step.find({ subjectType: flow.subjectType }).lean<StepDoc[]>();
  const bySubject = new Map<string, StepDoc[]>();
  for (const s of steps) bySubject.set(s.subjectId, [...(bySubject.get(s.subjectId) ?? []), s]);
  const moved = [...bySubject].map(([id, own]) => [id, replay(flow, own).status] as const);
  if (status === flow.initial)
    return { _id: { $nin: moved.filter(([, s]) => s !== status).map(([id]) => id) } };
  return { _id: { $in: moved.filter(([, s]) => s === status).map(([id]) => id) } };
}
