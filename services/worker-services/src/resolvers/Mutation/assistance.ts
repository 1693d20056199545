import { creditCodeProblem } from '@union-graph/domain';
import { BadUserInputError, ForbiddenError, memberRef } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import type { Context } from '../../context';
import { caseState } from '../../domain/assistance';
import { redeem } from '../../domain/benefits';
import { day, today } from '../../domain/dates';
import { isMemberOnly, requireVisible } from '../../subtree';
import { assistanceFlow, changeEvent, recordStep, type StepInput, subjectEvent } from '../../workflows';

const orgOf = (c: { organizationId: string }) => c.organizationId;

/** Review, assistance and closing are the case union's; approval is its upper union's. */
async function caseStep(ctx: Context, id: string, step: string, input: StepInput, byUpperUnion = false) {
  const c = await requireVisible(ctx, 'AssistanceCase', id, await ctx.loaders.assistanceCase.load(id), orgOf);
  const org = await ctx.scope.requireOrg(c.organizationId, 'id');
  await ctx.scope.requireWritableOrg(byUpperUnion ? (org.parentId ?? org._id) : org._id, 'id');
  await recordStep(ctx, assistanceFlow, c, step, input);
  return c;
}

export const assistanceMutations: MutationResolvers = {
  openAssistanceCase: async (_p, { input }, ctx) => {
    const org = await ctx.scope.requireWritableOrg(input.organizationId);
    const created = (
      await ctx.models.AssistanceCase.create({ ...input, divisionCode: org.divisionCode })
    ).toObject();
    await ctx.publish([subjectEvent(assistanceFlow, created)]);
    return created;
  },
  reviewAssistanceCase: (_p, { id, passed, note }, ctx) => caseStep(ctx, id, 'REVIEW', { passed, note }),
  approveAssistanceCase: (_p, { id, passed, note }, ctx) =>
    caseStep(ctx, id, 'APPROVE', { passed, note }, true),
  giveAssistance: (_p, { id, input }, ctx) => {
    if (input.amount < 0) throw new BadUserInputError('amount cannot be negative', 'input.amount');
    if (input.kind === 'CASH' && input.amount === 0) {
      throw new BadUserInputError('cash assistance needs an amount', 'input.amount');
    }
    return caseStep(ctx, id, 'ASSIST', {
      note: input.note,
      data: { kind: input.kind, amount: input.amount },
    });
  },
  closeAssistanceCase: (_p, { id, note }, ctx) => caseStep(ctx, id, 'CLOSE', { note }),

  createBenefitProgram: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    if (day(input.validUntil) < day(input.validFrom)) {
      throw new BadUserInputError('validUntil is before validFrom', 'validUntil');
    }
    const program = (
      await ctx.models.BenefitProgram.create({ ...input, hardshipOnly: !!input.hardshipOnly })
    ).toObject();
    await ctx.publish([{ type: 'BenefitProgram', id: program._id, op: 'upsert', version: Date.now() }]);
    return program;
  },

  redeemBenefit: async (_p, { input }, ctx) => {
    let organizationId = input.organizationId;
    if (isMemberOnly(ctx)) {
      if (ctx.caller.memberId !== input.memberId)
        throw new ForbiddenError('a member redeems for themselves only');
      organizationId ??= ctx.caller.orgId;
      if (organizationId !== ctx.caller.orgId)
        throw new BadUserInputError('not your union', 'organizationId');
    }
    if (!organizationId) throw new BadUserInputError('the member’s union is required', 'organizationId');
    const org = isMemberOnly(ctx)
      ? await ctx.scope.requireOrg(organizationId)
      : await ctx.scope.requireWritableOrg(organizationId);
    // Programs of any union above the member are open to them, even outside the caller's own scope.
    const program = await ctx.loaders.benefitProgram.load(input.programId);
    if (!program || !org.path.includes(program.organizationId)) {
      throw new BadUserInputError('no such program for members of this union', 'programId');
    }
    const now = today();
    if (now < day(program.validFrom) || now > day(program.validUntil)) {
      throw new BadUserInputError('the program is not running', 'programId');
    }
    if (program.hardshipOnly) {
      const cases = await ctx.loaders.casesByMember.load(input.memberId);
      const states = await Promise.all(cases.map((c) => caseState(ctx, c)));
      if (!states.some((s) => s.status === 'APPROVED' || s.status === 'ASSISTING')) {
        throw new BadUserInputError('the program is for members with an approved hardship case', 'memberId');
      }
    }
    const redemption = await redeem(ctx, program, input.memberId, organizationId);
    // The member's `benefitRedemptions` too.
    await ctx.publish([changeEvent('BenefitProgram', program._id, [memberRef(input.memberId)])]);
    return redemption;
  },

  recordPurchasedService: async (_p, { input }, ctx) => {
    await ctx.scope.requireWritableOrg(input.organizationId);
    const problem = creditCodeProblem(input.providerCreditCode);
    if (problem) throw new BadUserInputError(`providerCreditCode: ${problem}`, 'providerCreditCode');
    if (day(input.endsOn) < day(input.startsOn))
      throw new BadUserInputError('endsOn is before startsOn', 'endsOn');
    const service = (await ctx.models.PurchasedService.create(input)).toObject();
    await ctx.publish([{ type: 'PurchasedService', id: service._id, op: 'upsert', version: Date.now() }]);
    return service;
  },
};
