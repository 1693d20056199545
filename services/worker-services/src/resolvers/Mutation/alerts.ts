import { BadUserInputError, ConflictError, newId } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import { insertOnce } from '../../insert';
import { requirePast, requireVisible, requireWritable } from '../../subtree';
import { alertFlow, disputeFlow, recordStep, replay, type StepInput, subjectEvent } from '../../workflows';

async function alertStep(ctx: Context, id: string, step: string, input: StepInput) {
  const a = await requireWritable(ctx, 'LaborAlert', id, await ctx.loaders.alert.load(id));
  await recordStep(ctx, alertFlow, a, step, input);
  return a;
}

const dispute = async (ctx: Context, id: string) =>
  requireVisible(ctx, 'CollectiveDispute', id, await ctx.loaders.dispute.load(id), (d) => d.organizationId);

/** An upper union that has taken a dispute over (上代下) acts for the grassroots union from then on. */
async function disputeStep(ctx: Context, id: string, step: string, input: StepInput, byUpperUnion: boolean) {
  const d = await dispute(ctx, id);
  await ctx.scope.requireWritableOrg(byUpperUnion ? d.upperUnionId : d.organizationId, 'id');
  await recordStep(ctx, disputeFlow, d, step, input);
  return d;
}

export const alertMutations: MutationResolvers = {
  raiseLaborAlert: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    const alert = (await ctx.models.LaborAlert.create(input)).toObject();
    await ctx.publish([subjectEvent(alertFlow, alert)]);
    return alert;
  },
  assessLaborAlert: (_p, { id, risk, note }, ctx) => alertStep(ctx, id, 'ASSESS', { note, data: { risk } }),
  reportLaborAlert: async (_p, { id, note }, ctx) => {
    const a = await requireWritable(ctx, 'LaborAlert', id, await ctx.loaders.alert.load(id));
    const org = await ctx.scope.requireOrg(a.organizationId, 'id');
    if (!org.parentId) throw new BadUserInputError('this union has no upper union to report to', 'id');
    await recordStep(ctx, alertFlow, a, 'REPORT', { note, data: { reportedToId: org.parentId } });
    return a;
  },
  declareAlertEmergency: (_p, { id, note }, ctx) => {
    if (!note.trim()) throw new BadUserInputError('describe the emergency measures', 'note');
    return alertStep(ctx, id, 'EMERGENCY', { note });
  },
  resolveLaborAlert: (_p, { id, note }, ctx) => alertStep(ctx, id, 'RESOLVE', { note }),

  openCollectiveDispute: async (_p, { input }, ctx) => {
    const org = await ctx.scope.requireWritableOrg(input.organizationId);
    if (org.status !== 'ACTIVE') throw new BadUserInputError(`the union is ${org.status}`, 'organizationId');
    if (!org.parentId)
      throw new BadUserInputError('a dispute is reported to an upper union: none above', 'organizationId');
    requirePast(input.occurredAt, 'occurredAt');
    if (input.alertId) {
      const alert = await ctx.loaders.alert.load(input.alertId);
      if (!alert || alert.organizationId !== org._id) {
        throw new BadUserInputError('no such alert of this union', 'alertId');
      }
      if (replay(alertFlow, await ctx.loaders.steps.load(alert._id)).status === 'RESOLVED') {
        throw new BadUserInputError('the alert has been resolved', 'alertId');
      }
      if (await ctx.loaders.disputeByAlert.load(alert._id)) {
        throw new ConflictError('the alert has already escalated to a dispute', { field: 'alertId' });
      }
    }
    const _id = newId();
    const created = await insertOnce(
      ctx.models.CollectiveDispute,
      {
        ...input,
        _id,
        upperUnionId: org.parentId,
        alertId: input.alertId ?? null,
        alertKey: input.alertId ? `escalates:${input.alertId}` : _id,
      },
      'the alert has just escalated to a dispute',
      'alertId',
    );
    await ctx.publish([subjectEvent(disputeFlow, created)]);
    return created;
  },
  reportCollectiveDispute: (_p, { id, note }, ctx) => disputeStep(ctx, id, 'REPORT', { note }, false),
  takeOverCollectiveDispute: (_p, { id, note }, ctx) => disputeStep(ctx, id, 'TAKE_OVER', { note }, true),
  resolveCollectiveDispute: async (_p, { id, note }, ctx) => {
    const d = await dispute(ctx, id);
    const takenOver = replay(disputeFlow, await ctx.loaders.steps.load(d._id)).status === 'TAKEN_OVER';
    return disputeStep(ctx, id, 'RESOLVE', { note }, takenOver);
  },
};
