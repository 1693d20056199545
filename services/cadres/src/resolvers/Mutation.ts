import { BadUserInputError, ConflictError } from '@union-graph/subgraph-kit';
import type { MutationResolvers, Position } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import * as workers from '../domain/contract-workers';
import { asDate, today } from '../domain/dates';
import { recordElectionResult, scheduleElection } from '../domain/elections';
import { cadreEvents, recordEvents, trainingAffects } from '../domain/events';
import { fileContractChange } from '../domain/filings';
import { endTerm, openPositions, planPositions } from '../domain/positions';
import { requireWritable } from '../domain/subtree';
import { openRightsCase, recordSubsidy } from '../domain/support';
import { validateTraining } from '../domain/training';
import type { TrainingDoc } from '../models';

const requireCadre = async (ctx: Context, id: string) =>
  requireWritable(ctx, await ctx.loaders.cadre.load(id), 'Cadre', id, 'cadreId');

export const Mutation: MutationResolvers = {
  appointCadre: async (_p, { input }, ctx) => {
    const org = await ctx.scope.requireWritableOrg(input.organizationId);
    const spec = {
      organizationId: org._id,
      memberId: input.memberId,
      position: input.position as Position,
      fullTime: input.fullTime ?? false,
      source: 'APPOINTED' as const,
      termStart: asDate(input.termStart),
      termEnd: input.termEnd ? asDate(input.termEnd) : null,
    };
    const succeeded = await planPositions(ctx.models, [spec], 'termStart');
    const [cadre] = await openPositions(ctx, [spec], succeeded, 'termStart');
    return cadre!;
  },

  endCadreTerm: async (_p, { input }, ctx) => {
    const { doc: cadre } = await requireCadre(ctx, input.cadreId);
    const endedOn = asDate(input.endedOn);
    if (endedOn <= cadre.termStart) throw new BadUserInputError('endedOn must be after termStart', 'endedOn');
    const reason = input.reason.trim();
    if (!reason) throw new BadUserInputError('reason is empty', 'reason');
    const ended = await endTerm(ctx.models, cadre, endedOn, reason);
    if (!ended)
      throw new ConflictError(`The term of cadre ${cadre._id} has already ended`, { field: 'cadreId' });
    await ctx.publish(cadreEvents([ended]));
    return ended;
  },

  scheduleElection: (_p, { input }, ctx) => scheduleElection(ctx, input),
  recordElectionResult: (_p, { input }, ctx) => recordElectionResult(ctx, input),

  recordTraining: async (_p, { input }, ctx) => {
    const { doc: cadre } = await requireCadre(ctx, input.cadreId);
    const completedOn = asDate(input.completedOn);
    validateTraining({ ...input, completedOn }, today());
    const training = (
      await ctx.models.Training.create({
        memberId: cadre.memberId,
        organizationId: cadre.organizationId,
        cadreId: cadre._id,
        course: input.course.trim(),
        hours: input.hours,
        completedOn,
      })
    ).toObject<TrainingDoc>();
    const positions = await ctx.loaders.positionsByMember.load(cadre.memberId);
    await ctx.publish(recordEvents('TrainingRecord', [training], () => trainingAffects(positions)));
    return training;
  },

  fileContractChange: (_p, { input }, ctx) => fileContractChange(ctx, input),

  recruitContractWorker: (_p, { input }, ctx) => workers.recruit(ctx, input),
  assignContractWorker: (_p, { input }, ctx) => workers.assign(ctx, input),
  recordContractWorkerDuty: (_p, { input }, ctx) => workers.recordDuty(ctx, input),
  assessContractWorker: (_p, { input }, ctx) => workers.assess(ctx, input),
  exitContractWorker: (_p, { input }, ctx) => workers.exit(ctx, input),

  recordCadreSubsidy: (_p, { input }, ctx) => recordSubsidy(ctx, input),
  openRightsProtectionCase: (_p, { input }, ctx) => openRightsCase(ctx, input),
};
