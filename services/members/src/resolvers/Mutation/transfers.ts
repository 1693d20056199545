import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { decide, openTransfer } from '../../domain/transfers';

export const transfers: MutationResolvers = {
  openMemberTransfer: (_p, { input }, ctx) => openTransfer(ctx, input),
  acceptMemberTransfer: (_p, { id, certificateCode }, ctx) =>
    decide(ctx, id, 'ACCEPTED', { certificateCode }),
  rejectMemberTransfer: (_p, { id, reason }, ctx) => decide(ctx, id, 'REJECTED', { note: reason }),
  cancelMemberTransfer: (_p, { id, reason }, ctx) => decide(ctx, id, 'CANCELLED', { note: reason }),
};
