import { BadUserInputError, NotFoundError } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { conferrerFor, requireTitleAtLevel } from '../../domain/titles';
import { insertOnce } from '../../insert';
import { requireVisible } from '../../subtree';
import { awardFlow, recordStep } from '../../workflows';

const nomineeOf = (n: { nomineeOrganizationId: string }) => n.nomineeOrganizationId;

export const awardMutations: MutationResolvers = {
  createCompetition: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    const competition = (await ctx.models.Competition.create(input)).toObject();
    await ctx.publish([{ type: 'Competition', id: competition._id, op: 'upsert', version: Date.now() }]);
    return competition;
  },

  enterCompetition: async (_p, { competitionId, organizationId, teamName }, ctx) => {
    const org = await ctx.scope.requireWritableOrg(organizationId);
    // A competition is open to the organizer's subtree, which the entering union's admin may not see.
    const competition = await ctx.loaders.competition.load(competitionId);
    if (!competition) throw new NotFoundError('Competition', competitionId, 'competitionId');
    if (!org.path.includes(competition.organizationId)) {
      throw new BadUserInputError(
        'the union is not under the organizer of this competition',
        'organizationId',
      );
    }
    await insertOnce(
      ctx.models.CompetitionEntry,
      { competitionId, organizationId, teamName },
      'the team is already entered',
      'teamName',
    );
    ctx.loaders.competitionEntries.clear(competitionId);
    await ctx.publish([{ type: 'Competition', id: competitionId, op: 'upsert', version: Date.now() }]);
    return competition;
  },

  nominateForAward: async (_p, { input }, ctx) => {
    const nominee = await ctx.scope.requireWritableOrg(input.nomineeOrganizationId, 'nomineeOrganizationId');
    const conferrer = await conferrerFor(ctx, nominee, input.level);
    if (input.kind === 'MAY_DAY_MEDAL' && !input.memberId) {
      throw new BadUserInputError('a May Day medal is for a member', 'memberId');
    }
    // R11: a unit up for a May Day award needs its union's model Workers' Home title at the same level.
    if (input.kind === 'MAY_DAY_AWARD') {
      await requireTitleAtLevel(ctx, nominee._id, input.level, 'nomineeOrganizationId');
    }
    const nomination = await insertOnce(
      ctx.models.AwardNomination,
      {
        ...input,
        conferrerId: conferrer._id,
        memberId: input.memberId ?? null,
      },
      'already nominated for this award this year',
      'nomineeOrganizationId',
    );
    await ctx.publish([{ type: 'AwardNomination', id: nomination._id, op: 'upsert', version: Date.now() }]);
    return nomination;
  },

  decideAward: async (_p, { id, conferred, note }, ctx) => {
    const n = await requireVisible(
      ctx,
      'AwardNomination',
      id,
      await ctx.loaders.awardNomination.load(id),
      nomineeOf,
    );
    await ctx.scope.requireWritableOrg(n.conferrerId, 'id');
    // R11 holds at conferral too: the title may have been revoked since the nomination.
    if (conferred && n.kind === 'MAY_DAY_AWARD')
      await requireTitleAtLevel(ctx, n.nomineeOrganizationId, n.level, 'id');
    await recordStep(ctx, awardFlow, n, 'DECIDE', { passed: conferred, note });
    return n;
  },
};
