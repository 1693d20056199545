import { BadUserInputError, type OrgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { ModelTitleDoc, TitleLevel } from '../models';
import { type FlowState, type ModelTitleStatus, modelTitleFlow, replay } from '../workflows';

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
  if (!found)
    throw new BadUserInputError(`no ${level.toLowerCase()}-level federation above ${org.name}`, 'level');
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
  throw new BadUserInputError(
    `R11: ${org?.name ?? organizationId} does not hold the ${level.toLowerCase()}-level model Workers’ Home title`,
    field,
    { rule: 'R11' },
  );
}
