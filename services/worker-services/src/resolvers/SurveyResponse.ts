import type { SurveyResponseResolvers } from '../__generated__/resolvers-types';

export const SurveyResponse: SurveyResponseResolvers = {
  id: (r) => r._id,
  survey: async (r, _args, { loaders }) => (await loaders.survey.load(r.surveyId))!,
  member: (r) => ({ id: r.memberId }),
};
