import { BadUserInputError, insertUnique, memberRef, orgRef } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { type HonorDoc, type HonorKind, PERSONAL_HONORS } from '../models';

/** Provincial honors have been conferred since the province's first commendations (1950). */
const FIRST_YEAR = 1950;

export interface ConferInput {
  kind: HonorKind;
  year: number;
  organizationId: string;
  memberId?: string | null;
}

/** The honor's unique key, `kind:year:holder` (the member, or the union for a unit honor). */
export function honorHolderKey(kind: HonorKind, year: number, holderId: string): string {
  return `${kind}:${year}:${holderId}`;
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
  const honor = await insertUnique<HonorDoc>(
    ctx.models.Honor,
    {
      kind: input.kind,
      year: input.year,
      organizationId: input.organizationId,
      memberId,
      holderKey: honorHolderKey(input.kind, input.year, memberId ?? input.organizationId),
    },
    {
      message: `${input.kind} of ${input.year} is already recorded for this holder`,
      field: memberId ? 'memberId' : 'organizationId',
    },
  );
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
  return honor;
}
