import { BadUserInputError, ConflictError, insertUnique, newId } from '@union-graph/subgraph-kit';
import type {
  AssessContractWorkerInput,
  AssignContractWorkerInput,
  ExitContractWorkerInput,
  RecordContractWorkerDutyInput,
  RecruitContractWorkerInput,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import type { ContractWorkerDoc, ContractWorkerStepDoc, StepKind } from '../models';
import { asDate } from './dates';
import { cadreEvents } from './events';
import { endTerm, openPositions, planPositions } from './positions';

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

function step(
  workerId: string,
  kind: StepKind,
  on: Date,
  stepKey: string,
  fields: StepFields = {},
): ContractWorkerStepDoc {
  return {
    _id: newId(),
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
 * Appends a step; its unique key turns a concurrent or repeated once-only step into a CONFLICT.
 * The worker's event version is its number of steps.
 */
async function append(ctx: Context, s: ContractWorkerStepDoc, state?: WorkerState): Promise<void> {
  await insertUnique(ctx.models.ContractWorkerStep, s, {
    message: `This ${s.kind.toLowerCase()} step is already recorded`,
    field: 'workerId',
  });
  // The response reads the steps again in this request: drop the batch read before the write.
  ctx.loaders.stepsByWorker.clear(s.workerId);
  const version = (state?.steps ?? 0) + 1;
  await ctx.publish([{ type: 'ContractWorker', id: s.workerId, op: 'upsert', version }]);
}

export async function recruit(ctx: Context, input: RecruitContractWorkerInput): Promise<ContractWorkerDoc> {
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  const worker: ContractWorkerDoc = {
    _id: newId(),
    memberId: input.memberId,
    organizationId: org._id,
    recruitedOn: asDate(input.recruitedOn),
  };
  // The step first: a worker record never exists without its recruitment.
  await append(ctx, step(worker._id, 'RECRUIT', worker.recruitedOn, `${worker._id}:RECRUIT`));
  await ctx.models.ContractWorker.create(worker);
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
  if (state.status === 'EXITED') throw new ConflictError('The worker has exited', { field: 'workerId' });
  if (on < state.lastOn) throw new BadUserInputError('The step predates the last recorded step', 'on');
  return { worker, state };
}

async function endAssignment(ctx: Context, state: WorkerState, on: Date, reason: string): Promise<void> {
  if (!state.cadreId) return;
  const cadre = await ctx.loaders.cadre.load(state.cadreId);
  const ended = cadre && (await endTerm(ctx.models, cadre, on, reason));
  if (ended) await ctx.publish(cadreEvents([ended]));
}

export async function assign(ctx: Context, input: AssignContractWorkerInput): Promise<ContractWorkerDoc> {
  const on = asDate(input.on);
  const { worker, state } = await current(ctx, input.workerId, on);
  const target = await ctx.scope.requireWritableOrg(input.organizationId);
  if (!target.path.includes(worker.organizationId)) {
    throw new BadUserInputError("A worker serves within the recruiting union's subtree", 'organizationId');
  }
  const position = input.position ?? 'FULL_TIME_STAFF';
  if (position === 'CHAIR') throw new BadUserInputError('A chair is elected, not assigned', 'position');
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
  await append(
    ctx,
    step(worker._id, 'ASSIGN', on, `${worker._id}:ASSIGN:${state.assignments + 1}`, {
      assignedOrganizationId: target._id,
      cadreId: spec._id,
    }),
    state,
  );
  await endAssignment(ctx, state, on, 'REASSIGNED');
  await openPositions(ctx, [spec], [], 'organizationId');
  return worker;
}

export async function recordDuty(
  ctx: Context,
  input: RecordContractWorkerDutyInput,
): Promise<ContractWorkerDoc> {
  const on = asDate(input.on);
  const { worker, state } = await current(ctx, input.workerId, on);
  if (state.status !== 'ASSIGNED')
    throw new ConflictError('The worker is not assigned to a union', { field: 'workerId' });
  const summary = input.summary.trim();
  if (!summary) throw new BadUserInputError('summary is empty', 'summary');
  const id = newId();
  await append(
    ctx,
    {
      ...step(worker._id, 'DUTY', on, id, { assignedOrganizationId: state.assignedOrganizationId, summary }),
      _id: id,
    },
    state,
  );
  return worker;
}

export async function assess(ctx: Context, input: AssessContractWorkerInput): Promise<ContractWorkerDoc> {
  const on = asDate(input.on);
  const { worker, state } = await current(ctx, input.workerId, on);
  if (state.assignments === 0)
    throw new ConflictError('The worker has not served yet', { field: 'workerId' });
  if (
    !Number.isInteger(input.year) ||
    input.year > on.getUTCFullYear() ||
    input.year < worker.recruitedOn.getUTCFullYear()
  ) {
    throw new BadUserInputError('year must lie between recruitment and the assessment day', 'year');
  }
  await append(
    ctx,
    step(worker._id, 'ASSESSMENT', on, `${worker._id}:ASSESSMENT:${input.year}`, {
      assignedOrganizationId: state.assignedOrganizationId,
      year: input.year,
      grade: input.grade,
    }),
    state,
  );
  return worker;
}

export async function exit(ctx: Context, input: ExitContractWorkerInput): Promise<ContractWorkerDoc> {
  const on = asDate(input.on);
  const { worker, state } = await current(ctx, input.workerId, on);
  const reason = input.reason.trim();
  if (!reason) throw new BadUserInputError('reason is empty', 'reason');
  await append(ctx, step(worker._id, 'EXIT', on, `${worker._id}:EXIT`, { summary: reason }), state);
  await endAssignment(ctx, state, on, 'EXITED');
  return worker;
}
