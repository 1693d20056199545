import { creditCodeProblem } from '@union-graph/domain';
import {
  asDate,
  BadUserInputError,
  ForbiddenError,
  isDuplicateKey,
  memberRef,
  today,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { BenefitProgramDoc, BenefitRedemptionDoc, PurchasedServiceDoc } from '../models';
import { isMemberOnly } from './access';
import { caseState } from './assistance';
import type { NewRecord } from './inputs';
import { appendRecord, earlierAppend, type Once } from './once';
import { changeEvent } from './workflow';

/**
 * Takes the member's next free slot of the program (slots 1..perMemberLimit). Each slot is a unique
 * insert, so two concurrent redemptions cannot both take the last slot: the loser moves on to the
 * next slot and, past the limit, is refused. No counter is updated, so nothing can be lost or doubled.
 * With an idempotency key the slot's record has the key's id: a concurrent twin of the same request
 * finds it taken and answers with it (`created: false`) instead of taking another slot.
 */
export async function redeem(
  ctx: Context,
  program: BenefitProgramDoc,
  memberId: string,
  organizationId: string,
  once?: Once,
): Promise<{ doc: BenefitRedemptionDoc; created: boolean }> {
  const taken = await ctx.models.BenefitRedemption.countDocuments({ programId: program._id, memberId });
  for (let slot = taken + 1; slot <= program.perMemberLimit; slot++) {
    try {
      return await appendRecord<BenefitRedemptionDoc>(
        ctx,
        ctx.models.BenefitRedemption,
        { programId: program._id, memberId, organizationId, slot },
        once,
      );
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new BadUserInputError(
    text('redemptionsUsed', { memberId, limit: program.perMemberLimit, program: program.name }),
    'memberId',
    { limit: program.perMemberLimit },
  );
}

export async function createBenefitProgram(
  ctx: Context,
  input: Omit<NewRecord<BenefitProgramDoc>, 'hardshipOnly'> & { hardshipOnly?: boolean | null },
  once?: Once,
): Promise<BenefitProgramDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  if (asDate(input.validUntil) < asDate(input.validFrom)) {
    throw new BadUserInputError(
      text('notBefore', { later: 'validUntil', earlier: 'validFrom' }),
      'validUntil',
    );
  }
  const { doc: program, created } = await appendRecord<BenefitProgramDoc>(
    ctx,
    ctx.models.BenefitProgram,
    { ...input, hardshipOnly: !!input.hardshipOnly },
    once,
  );
  if (created)
    await ctx.publish([{ type: 'BenefitProgram', id: program._id, op: 'upsert', version: Date.now() }]);
  return program;
}

/** A member takes a benefit of a program run by their union or any union above it. */
export async function redeemBenefit(
  ctx: Context,
  input: { programId: string; memberId: string; organizationId?: string | null },
  once?: Once,
): Promise<BenefitRedemptionDoc> {
  let organizationId = input.organizationId;
  if (isMemberOnly(ctx)) {
    if (ctx.caller.memberId !== input.memberId) throw new ForbiddenError(text('redeemOwnOnly'));
    organizationId ??= ctx.caller.orgId;
    if (organizationId !== ctx.caller.orgId)
      throw new BadUserInputError(text('notYourUnion'), 'organizationId');
  }
  if (!organizationId) throw new BadUserInputError(text('unionRequired'), 'organizationId');
  const org = isMemberOnly(ctx)
    ? await ctx.scope.requireOrg(organizationId)
    : await ctx.scope.requireWritableOrg(organizationId);
  // Programs of any union above the member are open to them, even outside the caller's own scope.
  const program = await ctx.loaders.benefitProgram.load(input.programId);
  if (!program || !org.path.includes(program.organizationId)) {
    throw new BadUserInputError(text('noSuchProgram'), 'programId');
  }
  // A repeat answers with its redemption, even once the limit is reached or the program has ended.
  const earlier = await earlierAppend(ctx, ctx.models.BenefitRedemption, once);
  if (earlier) return earlier;
  const now = today();
  if (now < asDate(program.validFrom) || now > asDate(program.validUntil)) {
    throw new BadUserInputError(text('programNotRunning'), 'programId');
  }
  if (program.hardshipOnly) {
    const cases = await ctx.loaders.casesByMember.load(input.memberId);
    const states = await Promise.all(cases.map((c) => caseState(ctx, c)));
    if (!states.some((s) => s.status === 'APPROVED' || s.status === 'ASSISTING')) {
      throw new BadUserInputError(text('programHardshipOnly'), 'memberId');
    }
  }
  const { doc: redemption, created } = await redeem(ctx, program, input.memberId, organizationId, once);
  // The member's `benefitRedemptions` too.
  if (created) await ctx.publish([changeEvent('BenefitProgram', program._id, [memberRef(input.memberId)])]);
  return redemption;
}

export async function recordPurchasedService(
  ctx: Context,
  input: NewRecord<PurchasedServiceDoc>,
  once?: Once,
): Promise<PurchasedServiceDoc> {
  await ctx.scope.requireWritableOrg(input.organizationId);
  // The domain package words the problem in English only: the catalog names the rule it breaks.
  if (creditCodeProblem(input.providerCreditCode))
    throw new BadUserInputError(text('providerCreditCode'), 'providerCreditCode');
  if (asDate(input.endsOn) < asDate(input.startsOn))
    throw new BadUserInputError(text('notBefore', { later: 'endsOn', earlier: 'startsOn' }), 'endsOn');
  const { doc: service, created } = await appendRecord<PurchasedServiceDoc>(
    ctx,
    ctx.models.PurchasedService,
    input,
    once,
  );
  if (created)
    await ctx.publish([{ type: 'PurchasedService', id: service._id, op: 'upsert', version: Date.now() }]);
  return service;
}
