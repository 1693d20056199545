import { BadUserInputError, ForbiddenError, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { SurveyDoc, SurveyResponseDoc } from '../models';
import { isMemberOnly } from './access';
import type { NewRecord } from './inputs';
import { appendRecord, type Once } from './once';
import { changeEvent } from './workflow';

/** Responses move the union's `memberSatisfactionRate` (and so its model-home eligibility). */
const surveyEvent = (id: string, organizationId: string) =>
  changeEvent('SatisfactionSurvey', id, [orgRef(organizationId)]);

export async function createSatisfactionSurvey(
  ctx: Context,
  input: NewRecord<SurveyDoc>,
  once?: Once,
): Promise<SurveyDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  const { doc: survey, created } = await appendRecord<SurveyDoc>(ctx, ctx.models.Survey, input, once);
  if (created) await ctx.publish([surveyEvent(survey._id, survey.organizationId)]);
  return survey;
}

/** 会员评家: members rate their own union; administrators may enter paper answers for members. */
export async function rateUnion(
  ctx: Context,
  surveyId: string,
  memberId: string,
  rating: SurveyResponseDoc['rating'],
  once?: Once,
): Promise<SurveyResponseDoc> {
  const survey = await ctx.scope.requireVisible(
    await ctx.loaders.survey.load(surveyId),
    (s) => s.organizationId,
    'SatisfactionSurvey',
    surveyId,
    'surveyId',
  );
  if (isMemberOnly(ctx)) {
    if (ctx.caller.memberId !== memberId) throw new ForbiddenError(text('rateOwnOnly'));
    if (ctx.caller.orgId !== survey.organizationId) {
      throw new BadUserInputError(text('rateOwnUnion'), 'surveyId');
    }
  } else {
    await ctx.scope.requireWritableOrg(survey.organizationId, 'surveyId');
  }
  const satisfied = rating === 'DISSATISFIED' ? 0 : 1;
  const { doc: response, created } = await appendRecord<SurveyResponseDoc>(
    ctx,
    ctx.models.SurveyResponse,
    { surveyId, organizationId: survey.organizationId, memberId, rating, satisfied },
    once,
    { conflict: { message: text('alreadyRated'), field: 'memberId' } },
  );
  if (created) await ctx.publish([surveyEvent(surveyId, survey.organizationId)]);
  return response;
}
