import type { SatisfactionSurveyResolvers } from '../__generated__/resolvers-types';

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
