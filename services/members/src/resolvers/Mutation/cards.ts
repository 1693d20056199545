import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { requireWritableMember } from '../../domain/access';
import { issueMemberCard, recordInduction } from '../../domain/cards';

export const cards: MutationResolvers = {
  issueMemberCard: async (_p, { memberId }, ctx) =>
    issueMemberCard(ctx, await requireWritableMember(ctx, memberId)),
  recordInduction: async (_p, { memberId, heldOn, place, idempotencyKey }, ctx) =>
    recordInduction(ctx, await requireWritableMember(ctx, memberId), heldOn, place, idempotencyKey),
};
