import { BadUserInputError, ConflictError, insertUnique, newId, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import type { ModelTitleDoc, TitleLevel, WorkersHomeDoc } from '../models';
import { modelHomeRules } from '../rules';
import { requirePast } from './dates';
import { evaluateEligibility, lowerLevel, readCertificate } from './eligibility';
import type { NewRecord } from './inputs';
import { conferrerFor, heldLevels, modelTitleFlow, satisfactionRate, titleState } from './titles';
import { changeEvent, recordStep, subjectEvent } from './workflow';

const orgOf = (d: { organizationId: string }) => d.organizationId;

async function title(ctx: Context, id: string): Promise<ModelTitleDoc> {
  return ctx.scope.requireVisible(await ctx.loaders.modelTitle.load(id), orgOf, 'ModelTitle', id);
}

export async function createWorkersHome(
  ctx: Context,
  input: NewRecord<WorkersHomeDoc>,
): Promise<WorkersHomeDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  requirePast(input.establishedAt, 'establishedAt');
  // One own (or joint) home per union; online homes come in addition.
  if (input.kind !== 'ONLINE' && (await ctx.loaders.homeByOrganization.load(input.organizationId))) {
    throw new ConflictError('the union already has a Workers’ Home', { field: 'organizationId' });
  }
  // The own home's id is derived from the union, so two concurrent creations collide on `_id`.
  const _id = input.kind === 'ONLINE' ? newId() : `home-${input.organizationId}`;
  const home = await insertUnique<WorkersHomeDoc>(
    ctx.models.WorkersHome,
    { ...input, _id },
    { message: 'the union already has a Workers’ Home', field: 'organizationId' },
  );
  // The union's `workersHome`.
  await ctx.publish([changeEvent('WorkersHome', home._id, [orgRef(home.organizationId)])]);
  return home;
}

export async function startModelTitle(
  ctx: Context,
  homeId: string,
  level: TitleLevel,
): Promise<ModelTitleDoc> {
  const home = await ctx.scope.requireVisible(
    await ctx.loaders.home.load(homeId),
    orgOf,
    'WorkersHome',
    homeId,
    'homeId',
  );
  const org = await ctx.scope.requireWritableOrg(home.organizationId, 'homeId');
  const conferrer = await conferrerFor(ctx, org, level);
  const earlier = (await ctx.loaders.modelTitlesByHome.load(homeId)).filter((t) => t.level === level);
  for (const t of earlier) {
    const { status } = await titleState(ctx, t);
    if (status !== 'REJECTED' && status !== 'REVOKED') {
      throw new ConflictError(`a ${level.toLowerCase()}-level campaign is already ${status}`, {
        field: 'level',
        modelTitleId: t._id,
      });
    }
  }
  const round = Math.max(0, ...earlier.map((t) => t.round)) + 1;
  const created = await insertUnique<ModelTitleDoc>(
    ctx.models.ModelTitle,
    { homeId, organizationId: home.organizationId, level, conferrerId: conferrer._id, round },
    { message: `a ${level.toLowerCase()}-level campaign was just started`, field: 'level' },
  );
  await ctx.publish([subjectEvent(modelTitleFlow, created)]);
  return created;
}

/** R19: applies with a certificate from `Organization.modelHomeEligibility`. */
export async function applyForModelTitle(
  ctx: Context,
  id: string,
  certificate: string,
): Promise<ModelTitleDoc> {
  const t = await title(ctx, id);
  await ctx.scope.requireWritableOrg(t.organizationId, 'id');
  const counts = readCertificate(certificate, t.organizationId, t.level);
  // Satisfaction and titles are this subgraph's own data: re-read now rather than trusted from the certificate.
  const [rate, held] = await Promise.all([
    satisfactionRate(ctx, t.organizationId),
    heldLevels(ctx, t.organizationId),
  ]);
  const lower = lowerLevel(t.level);
  const e = evaluateEligibility(t.level, counts, rate, lower === null || held.has(lower));
  if (modelHomeRules.requireLowerTitle && !e.lowerTitleHeld) {
    throw new BadUserInputError(`R19: the ${lower?.toLowerCase()}-level model title is not held`, 'level', {
      reasons: e.reasons,
    });
  }
  if (!e.eligible)
    throw new BadUserInputError(`R19: ${e.reasons.join('; ')}`, 'certificate', { reasons: e.reasons });
  await recordStep(ctx, modelTitleFlow, t, 'APPLY', { data: { figures: e.figures } });
  return t;
}

/** Assessment, commendation and recheck belong to the conferring federation, not the union itself. */
export async function conferrerStep(
  ctx: Context,
  id: string,
  step: 'ASSESS' | 'COMMEND' | 'RECHECK',
  input: { passed?: boolean; note?: string | null },
): Promise<ModelTitleDoc> {
  const t = await title(ctx, id);
  await ctx.scope.requireWritableOrg(t.conferrerId, 'id');
  await recordStep(ctx, modelTitleFlow, t, step, input);
  return t;
}
