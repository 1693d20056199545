import type {
  ModelTitleResolvers,
  SatisfactionSurveyResolvers,
  SurveyResponseResolvers,
  WorkersHomeResolvers,
} from '../__generated__/resolvers-types';
import type { Figures } from '../domain/eligibility';
import { titleState } from '../domain/titles';
import { visibleAll } from '../subtree';

export const WorkersHome: WorkersHomeResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.home.load(ref.id), (h) => h.organizationId),
  id: (h) => h._id,
  organization: (h) => ({ id: h.organizationId }),
  modelTitles: async (h, _args, ctx) => visibleAll(ctx, await ctx.loaders.modelTitlesByHome.load(h._id)),
};

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

export const SatisfactionSurvey: SatisfactionSurveyResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.survey.load(ref.id), (s) => s.organizationId),
  id: (s) => s._id,
  organization: (s) => ({ id: s.organizationId }),
  responseCount: async (s, _args, { loaders }) => (await loaders.surveyStats.load(s._id)).responses,
  satisfactionRate: async (s, _args, { loaders }) => {
    const { responses, satisfied } = await loaders.surveyStats.load(s._id);
    return responses > 0 ? satisfied / responses : null;
  },
};

export const SurveyResponse: SurveyResponseResolvers = {
  id: (r) => r._id,
  survey: async (r, _args, { loaders }) => (await loaders.survey.load(r.surveyId))!,
  member: (r) => ({ id: r.memberId }),
};
