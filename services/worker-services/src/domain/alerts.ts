import { BadUserInputError, ConflictError, newId, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { CollectiveDisputeDoc, LaborAlertDoc } from '../models';
import { requirePast } from './dates';
import type { NewRecord } from './inputs';
import { appendRecord, earlierAppend, type Once } from './once';
import { type Flow, type FlowState, recordStep, replay, type StepInput, subjectEvent } from './workflow';

export type AlertStage = 'WARNED' | 'ASSESSED' | 'REPORTED' | 'EMERGENCY' | 'RESOLVED';

/** 预警→预判→预报→紧急处置; an assessed alert may be resolved at any later stage. */
export const alertFlow: Flow<AlertStage, LaborAlertDoc> = {
  subjectType: 'LaborAlert',
  // The union's `openAlerts`.
  affects: (a) => [orgRef(a.organizationId)],
  initial: 'WARNED',
  steps: {
    ASSESS: { from: ['WARNED'], to: 'ASSESSED' },
    REPORT: { from: ['ASSESSED'], to: 'REPORTED' },
    EMERGENCY: { from: ['REPORTED'], to: 'EMERGENCY' },
    RESOLVE: { from: ['ASSESSED', 'REPORTED', 'EMERGENCY'], to: 'RESOLVED' },
  },
};

export type DisputeStatus = 'OPEN' | 'REPORTED' | 'TAKEN_OVER' | 'RESOLVED';

/** R8: nothing happens to a dispute before it is reported up; the upper union may then take it over. */
export const disputeFlow: Flow<DisputeStatus, CollectiveDisputeDoc> = {
  subjectType: 'CollectiveDispute',
  // The alert it escalates shows it (`dispute`), and so do the union's `openAlerts`.
  affects: (d) => (d.alertId ? [{ type: 'LaborAlert', id: d.alertId }, orgRef(d.organizationId)] : []),
  initial: 'OPEN',
  steps: {
    REPORT: { from: ['OPEN'], to: 'REPORTED' },
    TAKE_OVER: { from: ['REPORTED'], to: 'TAKEN_OVER' },
    RESOLVE: { from: ['REPORTED', 'TAKEN_OVER'], to: 'RESOLVED' },
  },
};

export async function alertState(ctx: Context, a: LaborAlertDoc): Promise<FlowState<AlertStage>> {
  return replay(alertFlow, await ctx.loaders.steps.load(a._id));
}

export async function disputeState(ctx: Context, d: CollectiveDisputeDoc): Promise<FlowState<DisputeStatus>> {
  return replay(disputeFlow, await ctx.loaders.steps.load(d._id));
}

/** The facts recorded with a step that took effect, or null. */
export function stepData(state: FlowState<string>, step: string): Record<string, unknown> | null {
  return state.applied.find((s) => s.step === step)?.data ?? null;
}

/** A union's alerts not yet resolved, newest first. */
export async function openAlerts(ctx: Context, organizationId: string): Promise<LaborAlertDoc[]> {
  const alerts = await ctx.loaders.alertsByOrganization.load(organizationId);
  const steps = await ctx.loaders.steps.loadMany(alerts.map((a) => a._id));
  return alerts.filter((_a, i) => {
    const s = steps[i];
    return !(s instanceof Error) && replay(alertFlow, s ?? []).status !== 'RESOLVED';
  });
}

/** A filter leaving resolved alerts out: open means no RESOLVE step among the append-only records. */
export async function openAlertFilter(ctx: Context): Promise<Record<string, unknown>> {
  return {
    _id: {
      $nin: await ctx.models.Step.distinct('subjectId', { subjectType: 'LaborAlert', step: 'RESOLVE' }),
    },
  };
}

export async function raiseLaborAlert(
  ctx: Context,
  input: NewRecord<LaborAlertDoc>,
  once?: Once,
): Promise<LaborAlertDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  const { doc: alert, created } = await appendRecord<LaborAlertDoc>(ctx, ctx.models.LaborAlert, input, once);
  if (created) await ctx.publish([subjectEvent(alertFlow, alert)]);
  return alert;
}

export async function alertStep(
  ctx: Context,
  id: string,
  step: 'ASSESS' | 'EMERGENCY' | 'RESOLVE',
  input: StepInput,
  once?: Once,
): Promise<LaborAlertDoc> {
  const { doc: a } = await ctx.scope.requireWritable(await ctx.loaders.alert.load(id), 'LaborAlert', id);
  await recordStep(ctx, alertFlow, a, step, input, once);
  return a;
}

/** 预报: the alert goes to the union's upper union. */
export async function reportLaborAlert(
  ctx: Context,
  id: string,
  note: string | null | undefined,
  once?: Once,
): Promise<LaborAlertDoc> {
  const { doc: a } = await ctx.scope.requireWritable(await ctx.loaders.alert.load(id), 'LaborAlert', id);
  const org = await ctx.scope.requireOrg(a.organizationId, 'id');
  if (!org.parentId) throw new BadUserInputError(text('noUpperUnion'), 'id');
  await recordStep(ctx, alertFlow, a, 'REPORT', { note, data: { reportedToId: org.parentId } }, once);
  return a;
}

export function declareAlertEmergency(
  ctx: Context,
  id: string,
  note: string,
  once?: Once,
): Promise<LaborAlertDoc> {
  if (!note.trim()) throw new BadUserInputError(text('describeEmergency'), 'note');
  return alertStep(ctx, id, 'EMERGENCY', { note }, once);
}

export async function openCollectiveDispute(
  ctx: Context,
  input: NewRecord<CollectiveDisputeDoc, 'upperUnionId' | 'alertKey'>,
  once?: Once,
): Promise<CollectiveDisputeDoc> {
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  // A repeat finds its dispute before the check that the alert has escalated already.
  const earlier = await earlierAppend(ctx, ctx.models.CollectiveDispute, once);
  if (earlier) return earlier;
  if (org.status !== 'ACTIVE')
    throw new BadUserInputError(text('unionNotActive', { status: org.status }), 'organizationId');
  if (!org.parentId) throw new BadUserInputError(text('disputeNoUpperUnion'), 'organizationId');
  requirePast(input.occurredAt, 'occurredAt');
  if (input.alertId) {
    const alert = await ctx.loaders.alert.load(input.alertId);
    if (!alert || alert.organizationId !== org._id) {
      throw new BadUserInputError(text('noSuchAlert'), 'alertId');
    }
    if ((await alertState(ctx, alert)).status === 'RESOLVED') {
      throw new BadUserInputError(text('alertResolved'), 'alertId');
    }
    if (await ctx.loaders.disputeByAlert.load(alert._id)) {
      throw new ConflictError(text('alertEscalated'), { field: 'alertId' });
    }
  }
  // Without a key the dispute's id is also its alertKey; a keyed record's id derives from the key.
  const _id = newId();
  const { doc: dispute, created } = await appendRecord<CollectiveDisputeDoc>(
    ctx,
    ctx.models.CollectiveDispute,
    {
      ...input,
      upperUnionId: org.parentId,
      alertId: input.alertId ?? null,
      alertKey: input.alertId ? `escalates:${input.alertId}` : _id,
    },
    once,
    { id: _id, conflict: { message: text('alertJustEscalated'), field: 'alertId' } },
  );
  if (created) await ctx.publish([subjectEvent(disputeFlow, dispute)]);
  return dispute;
}

/** An upper union that has taken a dispute over (上代下) acts for the grassroots union from then on. */
export async function disputeStep(
  ctx: Context,
  id: string,
  step: 'REPORT' | 'TAKE_OVER' | 'RESOLVE',
  input: StepInput,
  once?: Once,
): Promise<CollectiveDisputeDoc> {
  const d = await ctx.scope.requireVisible(
    await ctx.loaders.dispute.load(id),
    (x) => x.organizationId,
    'CollectiveDispute',
    id,
  );
  const byUpperUnion =
    step === 'TAKE_OVER' || (step === 'RESOLVE' && (await disputeState(ctx, d)).status === 'TAKEN_OVER');
  await ctx.scope.requireWritableOrg(byUpperUnion ? d.upperUnionId : d.organizationId, 'id');
  await recordStep(ctx, disputeFlow, d, step, input, once);
  return d;
}
