import { BadUserInputError, MAX_PAGE_SIZE, NotFoundError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { AwardNominationDoc, CompetitionDoc } from '../models';
import type { NewRecord } from './inputs';
import { appendRecord, earlierAppend, type Once } from './once';
import { conferrerFor, requireTitleAtLevel } from './titles';
import { type Flow, recordStep, stepTaken } from './workflow';

export type AwardStatus = 'NOMINATED' | 'CONFERRED' | 'DECLINED';

/** 推荐→评定: the conferring federation decides once. */
export const awardFlow: Flow<AwardStatus, AwardNominationDoc> = {
  subjectType: 'AwardNomination',
  // Nothing outside the nomination shows it.
  affects: () => [],
  initial: 'NOMINATED',
  steps: {
    DECIDE: { from: ['NOMINATED'], to: (p) => (p ? 'CONFERRED' : 'DECLINED'), decision: true },
  },
};

export async function createCompetition(
  ctx: Context,
  input: NewRecord<CompetitionDoc>,
  once?: Once,
): Promise<CompetitionDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  const { doc: competition, created } = await appendRecord<CompetitionDoc>(
    ctx,
    ctx.models.Competition,
    input,
    once,
  );
  if (created)
    await ctx.publish([{ type: 'Competition', id: competition._id, op: 'upsert', version: Date.now() }]);
  return competition;
}

export async function enterCompetition(
  ctx: Context,
  competitionId: string,
  organizationId: string,
  teamName: string,
  once?: Once,
): Promise<CompetitionDoc> {
  const org = await ctx.scope.requireWritableOrg(organizationId);
  // A competition is open to the organizer's subtree, which the entering union's admin may not see.
  const competition = await ctx.loaders.competition.load(competitionId);
  if (!competition) throw new NotFoundError('Competition', competitionId, 'competitionId');
  if (!org.path.includes(competition.organizationId)) {
    throw new BadUserInputError(text('notUnderOrganizer'), 'organizationId');
  }
  const { created } = await appendRecord(
    ctx,
    ctx.models.CompetitionEntry,
    { competitionId, organizationId, teamName },
    once,
    { conflict: { message: text('teamEntered'), field: 'teamName' } },
  );
  ctx.loaders.competitionEntries.clear(competitionId);
  if (created)
    await ctx.publish([{ type: 'Competition', id: competitionId, op: 'upsert', version: Date.now() }]);
  return competition;
}

export async function nominateForAward(
  ctx: Context,
  input: NewRecord<AwardNominationDoc, 'conferrerId'>,
  once?: Once,
): Promise<AwardNominationDoc> {
  const nominee = await ctx.scope.requireWritableOrg(input.nomineeOrganizationId, 'nomineeOrganizationId');
  const earlier = await earlierAppend(ctx, ctx.models.AwardNomination, once);
  if (earlier) return earlier;
  const conferrer = await conferrerFor(ctx, nominee, input.level);
  if (input.kind === 'MAY_DAY_MEDAL' && !input.memberId) {
    throw new BadUserInputError(text('medalForMember'), 'memberId');
  }
  // R11: a unit up for a May Day award needs its union's model Workers' Home title at the same level.
  if (input.kind === 'MAY_DAY_AWARD') {
    await requireTitleAtLevel(ctx, nominee._id, input.level, 'nomineeOrganizationId');
  }
  const { doc: nomination, created } = await appendRecord<AwardNominationDoc>(
    ctx,
    ctx.models.AwardNomination,
    { ...input, conferrerId: conferrer._id, memberId: input.memberId ?? null },
    once,
    { conflict: { message: text('alreadyNominated'), field: 'nomineeOrganizationId' } },
  );
  if (created)
    await ctx.publish([{ type: 'AwardNomination', id: nomination._id, op: 'upsert', version: Date.now() }]);
  return nomination;
}

export async function decideAward(
  ctx: Context,
  id: string,
  conferred: boolean,
  note: string | null | undefined,
  once?: Once,
): Promise<AwardNominationDoc> {
  const n = await ctx.scope.requireVisible(
    await ctx.loaders.awardNomination.load(id),
    (d) => d.nomineeOrganizationId,
    'AwardNomination',
    id,
  );
  await ctx.scope.requireWritableOrg(n.conferrerId, 'id');
  if (await stepTaken(ctx, once)) return n;
  // R11 holds at conferral too: the title may have been revoked since the nomination.
  if (conferred && n.kind === 'MAY_DAY_AWARD')
    await requireTitleAtLevel(ctx, n.nomineeOrganizationId, n.level, 'id');
  await recordStep(ctx, awardFlow, n, 'DECIDE', { passed: conferred, note }, once);
  return n;
}

/** Nominations of unions in a subtree; the argument naming the subtree's root stays `organizationId`. */
export async function nominationsIn(
  ctx: Context,
  organizationId: string,
  year: number | null | undefined,
): Promise<AwardNominationDoc[]> {
  const filter = {
    nomineeOrganizationId: { $in: await ctx.scope.subtreeIds(organizationId) },
    ...(year ? { year } : {}),
  };
  return ctx.models.AwardNomination.find(filter)
    .sort({ year: -1, _id: 1 })
    .limit(MAX_PAGE_SIZE)
    .lean<AwardNominationDoc[]>();
}
