import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { requireWritableMember } from '../../domain/access';
import { recordActivity, updateDetails } from '../../domain/records';
import { registerMember } from '../../domain/registration';
import { changeStatus } from '../../domain/status';

export const members: MutationResolvers = {
  registerMember: (_p, { input }, ctx) => registerMember(ctx, input),
  updateMember: async (_p, { id, input }, ctx) =>
    updateDetails(ctx, await requireWritableMember(ctx, id, 'id'), input),
  recordMemberActivity: async (_p, { memberId, on, activity, idempotencyKey }, ctx) =>
    recordActivity(ctx, await requireWritableMember(ctx, memberId), on, activity, idempotencyKey),
  changeMemberStatus: async (_p, { memberId, status, reason }, ctx) =>
    changeStatus(ctx, await requireWritableMember(ctx, memberId), status, reason),
};
