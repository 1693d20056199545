import { BadUserInputError, memberRef, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { type HonorKind, PERSONAL_HONORS } from '../models';

/** Provincial honors have been conferred since the province's first commendations (1950). */
const FIRST_YEAR = 1950;

export interface ConferInput {
  kind: HonorKind;
  year: number;
  organizationId: string;
  memberId?: string | null;
}

export async function conferHonor(ctx: Context, input: ConferInput) {
  const memberId = input.memberId?.trim() || null;
  const personal = PERSONAL_HONORS.has(input.kind);
  if (personal && !memberId)
    throw new BadUserInputError(`${input.kind} is conferred on a member`, 'memberId');
  if (!personal && memberId)
    throw new BadUserInputError(`${input.kind} is conferred on a unit, not a member`, 'memberId');
  if (!Number.isInteger(input.year) || input.year < FIRST_YEAR || input.year > new Date().getFullYear())
    throw new BadUserInputError(`year must be between ${FIRST_YEAR} and this year`, 'year');
  await ctx.scope.requireWritableOrg(input.organizationId);
  const honor = await ctx.models.Honor.create({
    kind: input.kind,
    year: input.year,
    organizationId: input.organizationId,
    memberId,
    holderKey: `${input.kind}:${input.year}:${memberId ?? input.organizationId}`,
  });
  // The union lists the honors of its members too (`gdHonors`).
  await ctx.publish([
    {
      type: 'GdHonor',
      id: honor._id,
      op: 'upsert',
      version: 1,
      affects: [orgRef(input.organizationId), ...(memberId ? [memberRef(memberId)] : [])],
    },
  ]);
  return honor.toObject();
}
