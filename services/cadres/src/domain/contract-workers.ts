import {
  appendOnce,
  asDate,
  BadUserInputError,
  ConflictError,
  insertIfAbsent,
  newId,
  updateDocument,
} from '@union-graph/subgraph-kit';
import type {
  AssessContractWorkerInput,
  AssignContractWorkerInput,
  ExitContractWorkerInput,
  RecordContractWorkerDutyInput,
  RecruitContractWorkerInput,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { type TextKey, text } from '../messages';
import type { ContractWorkerDoc, ContractWorkerStepDoc, StepKind } from '../models';
import { cadreEvents } from './events';
import { isRefusal, type Once, onceFor, replay } from './once';
import { type EndReason, endTerm, openPositions, planPositions } from './positions';

export interface WorkerState {
  status: 'RECRUITED' | 'ASSIGNED' | 'EXITED';
  assignedOrganizationId: string | null;
  cadreId: string | null;
  assignments: number;
  steps: number;
  lastOn: Date;
}

/** The worker's standing, derived from the appended steps (oldest first). */
export function workerState(steps: readonly ContractWorkerStepDoc[]): WorkerState {
  const state: WorkerState = {
    status: 'RECRUITED',
    assignedOrganizationId: null,
    cadreId: null,
    assignments: 0,
    steps: steps.length,
    lastOn: new Date(0),
  };
  for (const s of steps) {
    if (s.on > state.lastOn) state.lastOn = s.on;
    if (s.kind === 'ASSIGN') {
      Object.assign(state, {
        status: 'ASSIGNED',
        assignedOrganizationId: s.assignedOrganizationId,
        cadreId: s.cadreId,
        assignments: state.assignments + 1,
      });
    } else if (s.kind === 'EXIT') {
      Object.assign(state, { status: 'EXITED', assignedOrganizationId: null, cadreId: null });
    }
  }
  return state;
}

type StepFields = Partial<
  Pick<ContractWorkerStepDoc, 'assignedOrganizationId' | 'cadreId' | 'summary' | 'year' | 'grade'>
>;
type NewStep = Omit<ContractWorkerStepDoc, '_id'>;

/** What a step that is already recorded is called when a repeat of it is refused. */
const STEP_RECORDED = {
  RECRUIT: 'recruitRecorded',
  ASSIGN: 'assignRecorded',
  DUTY: 'dutyRecorded',
  ASSESSMENT: 'assessmentRecorded',
  EXIT: 'exitRecorded',
} as const satisfies Record<StepKind, TextKey>;

function step(workerId: string, kind: StepKind, on: Date, stepKey: string, fields: StepFields = {}): NewStep {
  return {
    workerId,
    kind,
    on,
    stepKey,
    assignedOrganizationId: null,
    cadreId: null,
    summary: null,
    year: null,
    grade: null,
    ...fields,
  };
}

/**
 * Appends a step; its unique key turns a concurrent or repeated once-only step into a CONFLICT, the
 * client's idempotency key a retry into the original. Each appended step raises the worker's
 * version once (its event version: the number of steps), in the serialized update of the worker.
 */
async function append(
  ctx: Context,
  worker: ContractWorkerDoc,
  s: NewStep,
  once: Once,
): Promise<{ worker: ContractWorkerDoc; created: boolean }> {
  const { created } = await appendOnce(ctx.models.ContractWorkerStep, s, {
    ...once,
    conflict: { message: text(STEP_RECORDED[s.kind]), field: 'workerId' },
  });
  // The response reads the steps again in this request: drop the batch read before the write.
  ctx.loaders.stepsByWorker.clear(s.workerId);
  if (!created) return { worker, created };
  const counted = await updateDocument(ctx.models.ContractWorker, worker._id, { $inc: { version: 1 } });
  if (!counted) return { worker, created };
  await ctx.publish([{ type: 'ContractWorker', id: worker._id, op: 'upsert', version: counted.version }]);
  return { worker: counted, created };
}

/**
 * Runs a step mutation. A keyed retry of a step that was recorded may now be refused (the worker
 * exited, a later step exists): it gets the worker back instead, found by replaying the append
 * against the worker's recruitment step, whose unique key is always held.
 */
async function stepOnce<I extends { workerId: string; idempotencyKey?: string | null }>(
  ctx: Context,
  mutation: string,
  input: I,
  run: (once: Once) => Promise<ContractWorkerDoc>,
): Promise<ContractWorkerDoc> {
  const once = onceFor(ctx, mutation, input);
  try {
    return await run(once);
  } catch (refusal) {
    if (once.key == null || !isRefusal(refusal)) throw refusal;
    await replay(ctx.models.ContractWorkerStep, once, refusal);
    ctx.loaders.stepsByWorker.clear(input.workerId);
    const worker = await ctx.loaders.contractWorker.load(input.workerId);
    if (!worker) throw refusal;
    return worker;
  }
}

/**
 * Appends the worker, then its recruitment step (under a unique key: a keyed retry completes a
 * recruitment whose step is missing, and adds nothing otherwise).
 */
export async function recruit(ctx: Context, input: RecruitContractWorkerInput): Promise<ContractWorkerDoc> {
  const once = onceFor(ctx, 'recruitContractWorker', input);
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  const recruitedOn = asDate(input.recruitedOn);
  const { doc: worker, created } = await appendOnce(
    ctx.models.ContractWorker,
    { memberId: input.memberId, organizationId: org._id, recruitedOn, version: 1 },
    once,
  );
  const stepped = await insertIfAbsent(
    ctx.models.ContractWorkerStep,
    step(worker._id, 'RECRUIT', recruitedOn, `${worker._id}:RECRUIT`),
  );
  if (created || stepped)
    await ctx.publish([{ type: 'ContractWorker', id: worker._id, op: 'upsert', version: 1 }]);
  return worker;
}

/** The worker (writable), its steps and state; later steps must not predate earlier ones. */
async function current(ctx: Context, workerId: string, on: Date) {
  const { doc: worker } = await ctx.scope.requireWritable(
    await ctx.loaders.contractWorker.load(workerId),
    'ContractWorker',
    workerId,
    'workerId',
  );
  const state = workerState(await ctx.loaders.stepsByWorker.load(worker._id));
  if (state.status === 'EXITED') throw new ConflictError(text('workerExited'), { field: 'workerId' });
  if (on < state.lastOn) throw new BadUserInputError(text('stepBackdated'), 'on');
  return { worker, state };
}

async function endAssignment(ctx: Context, state: WorkerState, on: Date, reason: EndReason): Promise<void> {
  if (!state.cadreId) return;
  const cadre = await ctx.loaders.cadre.load(state.cadreId);
  const ended = cadre && (await endTerm(ctx.models, cadre, on, reason));
  if (ended) await ctx.publish(cadreEvents([ended]));
}

export function assign(ctx: Context, input: AssignContractWorkerInput): Promise<ContractWorkerDoc> {
  return stepOnce(ctx, 'assignContractWorker', input, async (once) => {
    const on = asDate(input.on);
    const { worker, state } = await current(ctx, input.workerId, on);
    const target = await ctx.scope.requireWritableOrg(input.organizationId);
    if (!target.path.includes(worker.organizationId)) {
      throw new BadUserInputError(text('assignOutsideSubtree'), 'organizationId');
    }
    const position = input.position ?? 'FULL_TIME_STAFF';
    if (position === 'CHAIR') throw new BadUserInputError(text('chairElected'), 'position');
    const spec = {
      _id: newId(),
      organizationId: target._id,
      memberId: worker.memberId,
      position,
      fullTime: true,
      source: 'CONTRACT_WORKER' as const,
      termStart: on,
      termEnd: null,
      contractWorkerId: worker._id,
    };
    await planPositions(ctx.models, [spec], 'organizationId', state.cadreId ? [state.cadreId] : []);
    const appended = await append(
      ctx,
      worker,
      step(worker._id, 'ASSIGN', on, `${worker._id}:ASSIGN:${state.assignments + 1}`, {
        assignedOrganizationId: target._id,
        cadreId: spec._id,
      }),
      once,
    );
    if (!appended.created) return appended.worker;
    await endAssignment(ctx, state, on, 'REASSIGNED');
    await openPositions(ctx, [spec], [], 'organizationId');
    return appended.worker;
  });
}

export function recordDuty(ctx: Context, input: RecordContractWorkerDutyInput): Promise<ContractWorkerDoc> {
  return stepOnce(ctx, 'recordContractWorkerDuty', input, async (once) => {
    const on = asDate(input.on);
    const { worker, state } = await current(ctx, input.workerId, on);
    if (state.status !== 'ASSIGNED')
      throw new ConflictError(text('workerNotAssigned'), { field: 'workerId' });
    const summary = input.summary.trim();
    if (!summary) throw new BadUserInputError(text('empty', { field: 'summary' }), 'summary');
    const duty = step(worker._id, 'DUTY', on, newId(), {
      assignedOrganizationId: state.assignedOrganizationId,
      summary,
    });
    return (await append(ctx, worker, duty, once)).worker;
  });
}

export function assess(ctx: Context, input: AssessContractWorkerInput): Promise<ContractWorkerDoc> {
  return stepOnce(ctx, 'assessContractWorker', input, async (once) => {
    const on = asDate(input.on);
    const { worker, state } = await current(ctx, input.workerId, on);
    if (state.assignments === 0) throw new ConflictError(text('workerNotServed'), { field: 'workerId' });
    if (
      !Number.isInteger(input.year) ||
      input.year > on.getUTCFullYear() ||
      input.year < worker.recruitedOn.getUTCFullYear()
    ) {
      throw new BadUserInputError(text('assessmentYear'), 'year');
    }
    const assessment = step(worker._id, 'ASSESSMENT', on, `${worker._id}:ASSESSMENT:${input.year}`, {
      assignedOrganizationId: state.assignedOrganizationId,
      year: input.year,
      grade: input.grade,
    });
    return (await append(ctx, worker, assessment, once)).worker;
  });
}

export function exit(ctx: Context, input: ExitContractWorkerInput): Promise<ContractWorkerDoc> {
  return stepOnce(ctx, 'exitContractWorker', input, async (once) => {
    const on = asDate(input.on);
    const { worker, state } = await current(ctx, input.workerId, on);
    const reason = input.reason.trim();
    if (!reason) throw new BadUserInputError(text('empty', { field: 'reason' }), 'reason');
    const exited = step(worker._id, 'EXIT', on, `${worker._id}:EXIT`, { summary: reason });
    const appended = await append(ctx, worker, exited, once);
    if (appended.created) await endAssignment(ctx, state, on, 'EXITED');
    return appended.worker;
  });
}
