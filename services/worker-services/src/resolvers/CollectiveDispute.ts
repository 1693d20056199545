import type { CollectiveDisputeResolvers } from '../__generated__/resolvers-types';
import { disputeState } from '../domain/alerts';
import { reportedLate } from '../domain/disputes';

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
