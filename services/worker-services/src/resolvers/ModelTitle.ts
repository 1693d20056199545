import type { ModelTitleResolvers } from '../__generated__/resolvers-types';
import type { Figures } from '../domain/eligibility';
import { titleState } from '../domain/titles';

export const ModelTitle: ModelTitleResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.modelTitle.load(ref.id), (t) => t.organizationId),
  id: (t) => t._id,
  home: async (t, _args, { loaders }) => (await loaders.home.load(t.homeId))!,
  organization: (t) => ({ id: t.organizationId }),
  conferrer: (t) => ({ id: t.conferrerId }),
  status: async (t, _args, ctx) => (await titleState(ctx, t)).status,
  held: async (t, _args, ctx) => (await titleState(ctx, t)).status === 'COMMENDED',
  appliedFigures: async (t, _args, ctx) =>
    ((await titleState(ctx, t)).applied.find((s) => s.step === 'APPLY')?.data?.figures as Figures) ?? null,
  steps: (t, _args, { loaders }) => loaders.steps.load(t._id),
};
