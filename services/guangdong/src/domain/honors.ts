import { appendOnce, BadUserInputError, memberRef, orgRef, today } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import { type HonorDoc, type HonorKind, PERSONAL_HONORS } from '../models';

/** Provincial honors have been conferred since the province's first commendations (1950). */
const FIRST_YEAR = 1950;

export interface ConferInput {
  kind: HonorKind;
  year: number;
  organizationId: string;
  memberId?: string | null;
  idempotencyKey?: string | null;
}

/** The honor's unique key, `kind:year:holder` (the member, or the union for a unit honor). */
export function honorHolderKey(kind: HonorKind, year: number, holderId: string): string {
  return `${kind}:${year}:${holderId}`;
}

/** This year in China: a year starts at Beijing midnight on 1 January. */
export function thisYear(): number {
  return today().getUTCFullYear();
}

export async function conferHonor(ctx: Context, input: ConferInput) {
  const { idempotencyKey, ...request } = input;
  const memberId = request.memberId?.trim() || null;
  const personal = PERSONAL_HONORS.has(request.kind);
  if (personal && !memberId)
    throw new BadUserInputError(text('personalHonor', { kind: request.kind }), 'memberId');
  if (!personal && memberId)
    throw new BadUserInputError(text('unitHonor', { kind: request.kind }), 'memberId');
  if (!Number.isInteger(request.year) || request.year < FIRST_YEAR || request.year > thisYear())
    throw new BadUserInputError(text('yearRange', { first: FIRST_YEAR }), 'year');
  await ctx.scope.requireWritableOrg(request.organizationId);
  const { doc: honor, created } = await appendOnce<HonorDoc>(
    ctx.models.Honor,
    {
      kind: request.kind,
      year: request.year,
      organizationId: request.organizationId,
      memberId,
      holderKey: honorHolderKey(request.kind, request.year, memberId ?? request.organizationId),
    },
    {
      callerId: ctx.caller.id,
      mutation: 'gdConferHonor',
      key: idempotencyKey,
      input: request,
      conflict: {
        message: text('honorRecorded', { kind: request.kind, year: request.year }),
        field: memberId ? 'memberId' : 'organizationId',
      },
    },
  );
  // A repeat under the same idempotency key returns the honor, announced once. The union lists
  // the honors of its members too (`gdHonors`).
  if (created)
    await ctx.publish([
      {
        type: 'GdHonor',
        id: honor._id,
        op: 'upsert',
        version: 1,
        affects: [orgRef(request.organizationId), ...(memberId ? [memberRef(memberId)] : [])],
      },
    ]);
  return honor;
}
