import { BadUserInputError, ConflictError, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { ModelTitleDoc, TitleLevel, WorkersHomeDoc } from '../models';
import { modelHomeRules } from '../rules';
import { requirePast } from './dates';
import { evaluateEligibility, lowerLevel, readCertificate } from './eligibility';
import type { NewRecord } from './inputs';
import { appendRecord, earlierAppend, type Once } from './once';
import { conferrerFor, heldLevels, modelTitleFlow, satisfactionRate, titleState } from './titles';
import { changeEvent, recordStep, stepTaken, subjectEvent } from './workflow';

const orgOf = (d: { organizationId: string }) => d.organizationId;

async function title(ctx: Context, id: string): Promise<ModelTitleDoc> {
  return ctx.scope.requireVisible(await ctx.loaders.modelTitle.load(id), orgOf, 'ModelTitle', id);
}

export async function createWorkersHome(
  ctx: Context,
  input: NewRecord<WorkersHomeDoc, 'homeKey'>,
  once?: Once,
): Promise<WorkersHomeDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  // A repeat finds its home before the one-home check, which the home itself would fail.
  const earlier = await earlierAppend(ctx, ctx.models.WorkersHome, once);
  if (earlier) return earlier;
  requirePast(input.establishedAt, 'establishedAt');
  // One own (or joint) home per union; online homes come in addition.
  if (input.kind !== 'ONLINE' && (await ctx.loaders.homeByOrganization.load(input.organizationId))) {
    throw new ConflictError(text('homeExists'), { field: 'organizationId' });
  }
  // An own home's `homeKey` is its union's (so two concurrent creations collide on it), and so is
  // its id when no idempotency key gives it one.
  const { doc: home, created } = await appendRecord<WorkersHomeDoc>(
    ctx,
    ctx.models.WorkersHome,
    input,
    once,
    {
      id: input.kind === 'ONLINE' ? undefined : `home-${input.organizationId}`,
      conflict: { message: text('homeExists'), field: 'organizationId' },
    },
  );
  // The union's `workersHome`.
  if (created) await ctx.publish([changeEvent('WorkersHome', home._id, [orgRef(home.organizationId)])]);
  return home;
}

export async function startModelTitle(
  ctx: Context,
  homeId: string,
  level: TitleLevel,
  once?: Once,
): Promise<ModelTitleDoc> {
  const home = await ctx.scope.requireVisible(
    await ctx.loaders.home.load(homeId),
    orgOf,
    'WorkersHome',
    homeId,
    'homeId',
  );
  const org = await ctx.scope.requireWritableOrg(home.organizationId, 'homeId');
  // A repeat finds its campaign before the check for a running one, which it is.
  const repeat = await earlierAppend(ctx, ctx.models.ModelTitle, once);
  if (repeat) return repeat;
  const conferrer = await conferrerFor(ctx, org, level);
  const earlier = (await ctx.loaders.modelTitlesByHome.load(homeId)).filter((t) => t.level === level);
  for (const t of earlier) {
    const { status } = await titleState(ctx, t);
    if (status !== 'REJECTED' && status !== 'REVOKED') {
      throw new ConflictError(text('campaignRunning', { level, status }), {
        field: 'level',
        modelTitleId: t._id,
      });
    }
  }
  const round = Math.max(0, ...earlier.map((t) => t.round)) + 1;
  const { doc: started, created } = await appendRecord<ModelTitleDoc>(
    ctx,
    ctx.models.ModelTitle,
    { homeId, organizationId: home.organizationId, level, conferrerId: conferrer._id, round },
    once,
    { conflict: { message: text('campaignJustStarted', { level }), field: 'level' } },
  );
  if (created) await ctx.publish([subjectEvent(modelTitleFlow, started)]);
  return started;
}

/** R19: applies with a certificate from `Organization.modelHomeEligibility`. */
export async function applyForModelTitle(
  ctx: Context,
  id: string,
  certificate: string,
  once?: Once,
): Promise<ModelTitleDoc> {
  const t = await title(ctx, id);
  await ctx.scope.requireWritableOrg(t.organizationId, 'id');
  // A repeat answers as the first call did, even once its certificate has expired.
  if (await stepTaken(ctx, once)) return t;
  const counts = readCertificate(certificate, t.organizationId, t.level);
  // Satisfaction and titles are this subgraph's own data: re-read now rather than trusted from the certificate.
  const [rate, held] = await Promise.all([
    satisfactionRate(ctx, t.organizationId),
    heldLevels(ctx, t.organizationId),
  ]);
  const lower = lowerLevel(t.level);
  const e = evaluateEligibility(t.level, counts, rate, lower === null || held.has(lower));
  const { language } = ctx.caller;
  const reasons = e.reasons.map((r) => r.render(language));
  if (modelHomeRules.requireLowerTitle && !e.lowerTitleHeld) {
    throw new BadUserInputError(text('applyLowerTitle', { level: lower }), 'level', { reasons });
  }
  if (!e.eligible) {
    // Worded in the caller's language already, so the English rendering of the message (from its
    // parameters) reads them in English too.
    const listed = reasons.join(language === 'en' ? '; ' : '；');
    throw new BadUserInputError(text('notEligible', { reasons: listed }), 'certificate', { reasons });
  }
  await recordStep(ctx, modelTitleFlow, t, 'APPLY', { data: { figures: e.figures } }, once);
  return t;
}

/** Assessment, commendation and recheck belong to the conferring federation, not the union itself. */
export async function conferrerStep(
  ctx: Context,
  id: string,
  step: 'ASSESS' | 'COMMEND' | 'RECHECK',
  input: { passed?: boolean; note?: string | null },
  once?: Once,
): Promise<ModelTitleDoc> {
  const t = await title(ctx, id);
  await ctx.scope.requireWritableOrg(t.conferrerId, 'id');
  await recordStep(ctx, modelTitleFlow, t, step, input, once);
  return t;
}
