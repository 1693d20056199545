import { BadUserInputError, ForbiddenError, orgRef } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { insertOnce } from '../../insert';
import { isMemberOnly, requireVisible } from '../../subtree';
import { changeEvent } from '../../workflows';

/** Responses move the union's `memberSatisfactionRate` (and so its model-home eligibility). */
const surveyEvent = (id: string, organizationId: string) =>
  changeEvent('SatisfactionSurvey', id, [orgRef(organizationId)]);

export const surveyMutations: MutationResolvers = {
  createSatisfactionSurvey: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    const survey = (await ctx.models.Survey.create(input)).toObject();
    await ctx.publish([surveyEvent(survey._id, survey.organizationId)]);
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
    await ctx.publish([surveyEvent(surveyId, survey.organizationId)]);
    return response;
  },
};
