import type { CollectiveDisputeResolvers, LaborAlertResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { reportedLate } from '../domain/disputes';
import type { CollectiveDisputeDoc, LaborAlertDoc } from '../models';
import { alertFlow, disputeFlow, replay } from '../workflows';

const alertState = async (ctx: Context, a: LaborAlertDoc) =>
  replay(alertFlow, await ctx.loaders.steps.load(a._id));
const disputeState = async (ctx: Context, d: CollectiveDisputeDoc) =>
  replay(disputeFlow, await ctx.loaders.steps.load(d._id));
const stepData = (
  state: { applied: { step: string; data?: Record<string, unknown> | null }[] },
  step: string,
) => state.applied.find((s) => s.step === step)?.data ?? null;

export const LaborAlert: LaborAlertResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.alert.load(ref.id), (a) => a.organizationId),
  id: (a) => a._id,
  organization: (a) => ({ id: a.organizationId }),
  stage: async (a, _args, ctx) => (await alertState(ctx, a)).status,
  risk: async (a, _args, ctx) => (stepData(await alertState(ctx, a), 'ASSESS')?.risk as never) ?? null,
  reportedTo: async (a, _args, ctx) => {
    const to = stepData(await alertState(ctx, a), 'REPORT')?.reportedToId as string | undefined;
    return to ? { id: to } : null;
  },
  dispute: (a, _args, { loaders }) => loaders.disputeByAlert.load(a._id),
  steps: (a, _args, { loaders }) => loaders.steps.load(a._id),
  raisedAt: (a) => a.createdAt,
};

export const CollectiveDispute: CollectiveDisputeResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.dispute.load(ref.id), (d) => d.organizationId),
  id: (d) => d._id,
  organization: (d) => ({ id: d.organizationId }),
  alert: (d, _args, { loaders }) => (d.alertId ? loaders.alert.load(d.alertId) : null),
  status: async (d, _args, ctx) => (await disputeState(ctx, d)).status,
  upperUnion: (d) => ({ id: d.upperUnionId }),
  reportedAt: async (d, _args, ctx) =>
    (await disputeState(ctx, d)).applied.find((s) => s.step === 'REPORT')?.at ?? null,
  reportedLate: async (d, _args, ctx) => {
    const report = (await disputeState(ctx, d)).applied.find((s) => s.step === 'REPORT');
    return reportedLate(d, report?.at ?? null);
  },
  takenOverBy: async (d, _args, ctx) =>
    (await disputeState(ctx, d)).applied.some((s) => s.step === 'TAKE_OVER') ? { id: d.upperUnionId } : null,
  steps: (d, _args, { loaders }) => loaders.steps.load(d._id),
};
