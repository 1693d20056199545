import type { MemberTransferResolvers } from '../__generated__/resolvers-types';
import { readableTransfer, STEP_ORDER, transferStatus } from '../domain/transfers';

export const MemberTransfer: MemberTransferResolvers = {
  __resolveReference: async (ref, ctx) => readableTransfer(ctx, await ctx.loaders.transfer.load(ref.id)),
  id: (t) => t._id,
  // Both unions see who is transferring, whichever union holds the membership at the moment.
  member: async (t, _a, { loaders }) => (await loaders.member.load(t.memberId))!,
  fromOrganization: (t) => ({ id: t.fromOrganizationId }),
  toOrganization: (t) => ({ id: t.toOrganizationId }),
  status: async (t, _a, { loaders }) => transferStatus(t, await loaders.transferSteps.load(t._id)),
  steps: async (t, _a, { loaders }) =>
    [...(await loaders.transferSteps.load(t._id))].sort(
      (a, b) => a.at.getTime() - b.at.getTime() || STEP_ORDER.indexOf(a.step) - STEP_ORDER.indexOf(b.step),
    ),
};
