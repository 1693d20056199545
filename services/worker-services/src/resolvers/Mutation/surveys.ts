import { BadUserInputError, ForbiddenError } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { insertOnce } from '../../insert';
import { isMemberOnly, requireVisible } from '../../subtree';

export const surveyMutations: MutationResolvers = {
  createSatisfactionSurvey: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    const survey = (await ctx.models.Survey.create(input)).toObject();
    await ctx.publish([{ type: 'SatisfactionSurvey', id: survey._id, op: 'upsert', version: Date.now() }]);
    return survey;
  },

  // 会员评家: members rate their own union; administrators may enter paper answers for members.
  rateUnion: async (_p, { surveyId, memberId, rating }, ctx) => {
    const survey = await requireVisible(
      ctx,
      'SatisfactionSurvey',
      surveyId,
      await ctx.loaders.survey.load(surveyId),
      (s) => s.organizationId,
      'surveyId',
    );
    if (isMemberOnly(ctx)) {
      if (ctx.caller.memberId !== memberId) throw new ForbiddenError('a member rates for themselves only');
      if (ctx.caller.orgId !== survey.organizationId) {
        throw new BadUserInputError('members rate the union they belong to', 'surveyId');
      }
    } else {
      await ctx.scope.requireWritableOrg(survey.organizationId, 'surveyId');
    }
    const satisfied = rating === 'DISSATISFIED' ? 0 : 1;
    const response = await insertOnce(
      ctx.models.SurveyResponse,
      {
        surveyId,
        organizationId: survey.organizationId,
        memberId,
        rating,
        satisfied,
      },
      'the member has already answered this survey',
      'memberId',
    );
    await ctx.publish([{ type: 'SatisfactionSurvey', id: surveyId, op: 'upsert', version: Date.now() }]);
    return response;
  },
};
