import { BadUserInputError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { isDuplicateKey } from '../insert';
import type { BenefitProgramDoc, BenefitRedemptionDoc } from '../models';

/**
 * Takes the member's next free slot of the program (slots 1..perMemberLimit). Each slot is a unique
 * insert, so two concurrent redemptions cannot both take the last slot: the loser moves on to the
 * next slot and, past the limit, is refused. No counter is updated, so nothing can be lost or doubled.
 */
export async function redeem(
  ctx: Context,
  program: BenefitProgramDoc,
  memberId: string,
  organizationId: string,
): Promise<BenefitRedemptionDoc> {
  const taken = await ctx.models.BenefitRedemption.countDocuments({ programId: program._id, memberId });
  for (let slot = taken + 1; slot <= program.perMemberLimit; slot++) {
    try {
      const doc = await ctx.models.BenefitRedemption.create({
        programId: program._id,
        memberId,
        organizationId,
        slot,
      });
      return doc.toObject();
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
    }
  }
  throw new BadUserInputError(
    `member ${memberId} has used all ${program.perMemberLimit} redemptions of ${program.name}`,
    'memberId',
    { limit: program.perMemberLimit },
  );
}
