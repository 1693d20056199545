import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { requireWritableMember } from '../../domain/access';
import { setDuesExemption } from '../../domain/dues';

export const dues: MutationResolvers = {
  setDuesExemption: async (_p, { memberId, reason }, ctx) =>
    setDuesExemption(ctx, await requireWritableMember(ctx, memberId), reason),
};
