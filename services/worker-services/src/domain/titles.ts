import { BadUserInputError, type OrgRef, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { ModelTitleDoc, OrgRepresentation, TitleLevel } from '../models';
import { type EligibilityResult, evaluateEligibility, lowerLevel } from './eligibility';
import { type Flow, type FlowState, replay } from './workflow';

export type ModelTitleStatus = 'CREATED' | 'APPLIED' | 'ASSESSED' | 'REJECTED' | 'COMMENDED' | 'REVOKED';

/** 创建→申报→考核→表彰→复查: a failed assessment ends the campaign, a failed recheck revokes the title. */
export const modelTitleFlow: Flow<ModelTitleStatus, ModelTitleDoc> = {
  subjectType: 'ModelTitle',
  // The union's `modelTitles` and `modelHomeEligibility` (titles held), the home's `modelTitles`.
  affects: (t) => [orgRef(t.organizationId), { type: 'WorkersHome', id: t.homeId }],
  initial: 'CREATED',
  steps: {
    APPLY: { from: ['CREATED'], to: 'APPLIED' },
    ASSESS: { from: ['APPLIED'], to: (passed) => (passed ? 'ASSESSED' : 'REJECTED'), decision: true },
    COMMEND: { from: ['ASSESSED'], to: 'COMMENDED' },
    RECHECK: {
      from: ['COMMENDED'],
      to: (passed) => (passed ? 'COMMENDED' : 'REVOKED'),
      repeatable: true,
      decision: true,
    },
  },
};

/** The federation that confers titles and awards of a level on a union: its ancestor at that level. */
export async function conferrerFor(ctx: Context, org: OrgRef, level: TitleLevel): Promise<OrgRef> {
  const ancestors = await ctx.scope.orgs.loadMany(org.path.slice(0, -1));
  const found = ancestors.find(
    (o): o is OrgRef =>
      !!o &&
      !(o instanceof Error) &&
      (level === 'NATIONAL'
        ? o.type === 'NATIONAL_FEDERATION'
        : o.type === 'LOCAL_FEDERATION' && o.level === level),
  );
  if (!found) throw new BadUserInputError(text('noFederationAbove', { level, org: org.name }), 'level');
  return found;
}

export async function titleState(ctx: Context, title: ModelTitleDoc): Promise<FlowState<ModelTitleStatus>> {
  return replay(modelTitleFlow, await ctx.loaders.steps.load(title._id));
}

/** Levels at which a union's home currently holds the model title (commended, not revoked). */
export async function heldLevels(ctx: Context, organizationId: string): Promise<Set<TitleLevel>> {
  const titles = await ctx.loaders.modelTitlesByOrganization.load(organizationId);
  const states = await Promise.all(titles.map((t) => titleState(ctx, t)));
  return new Set(titles.filter((_t, i) => states[i]!.status === 'COMMENDED').map((t) => t.level));
}

/** Satisfaction of the union's latest survey (会员评家), or null before any response. */
export async function satisfactionRate(ctx: Context, organizationId: string): Promise<number | null> {
  const survey = await ctx.loaders.latestSurvey.load(organizationId);
  if (!survey) return null;
  const { responses, satisfied } = await ctx.loaders.surveyStats.load(survey._id);
  return responses > 0 ? satisfied / responses : null;
}

/** R11: refuses a May Day award for a union without the model title at the award's level. */
export async function requireTitleAtLevel(
  ctx: Context,
  organizationId: string,
  level: TitleLevel,
  field: string,
): Promise<void> {
  if ((await heldLevels(ctx, organizationId)).has(level)) return;
  const org = await ctx.scope.orgs.load(organizationId);
  throw new BadUserInputError(text('titleNotHeld', { org: org?.name ?? organizationId, level }), field, {
    rule: 'R11',
  });
}

/**
 * R19 for a union at a level, from the figures the gateway brought along (`@requires`) and this
 * subgraph's own satisfaction and titles.
 */
export async function modelHomeEligibility(
  ctx: Context,
  org: OrgRepresentation,
  level: TitleLevel,
): Promise<EligibilityResult> {
  await ctx.scope.requireOrg(org.id, 'id');
  const [rate, held] = await Promise.all([satisfactionRate(ctx, org.id), heldLevels(ctx, org.id)]);
  const lower = lowerLevel(level);
  // A joint union's workers are those of every unit it covers; no unit on record means unknown.
  const units = org.hostUnits ?? [];
  const employeeCount = units.length > 0 ? units.reduce((n, u) => n + u.employeeCount, 0) : null;
  const counts = { memberCount: org.memberCount ?? 0, employeeCount };
  const result = evaluateEligibility(level, counts, rate, lower === null || held.has(lower));
  const memberCountWithheld = org.memberCount == null;
  return { ...result, figures: { ...result.figures, memberCountWithheld }, organizationId: org.id };
}
