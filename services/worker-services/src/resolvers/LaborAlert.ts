import type { LaborAlertResolvers } from '../__generated__/resolvers-types';
import { alertState, stepData } from '../domain/alerts';

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
