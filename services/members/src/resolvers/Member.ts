import type { MemberResolvers } from '../__generated__/resolvers-types';
import { readableMember } from '../domain/access';
import { readableTransfer } from '../domain/transfers';

export const Member: MemberResolvers = {
  __resolveReference: async (ref, ctx) => readableMember(ctx, await ctx.loaders.member.load(ref.id)),
  id: (m) => m._id,
  // Personal fields resolve plainly: the kit's @personal policy withholds them (docs/personal-data.md).
  birthYear: (m) => m.birthDate?.getUTCFullYear() ?? null,
  migrantWorker: (m) => m.migrantWorker ?? false,
  organization: (m) => ({ id: m.organizationId }),
  card: (m, _a, { loaders }) => loaders.card.load(m._id),
  transfers: async (m, _a, ctx) => {
    const all = await Promise.all(
      (await ctx.loaders.transfersOfMember.load(m._id)).map((t) => readableTransfer(ctx, t)),
    );
    return all.filter((t) => t !== null);
  },
  history: (m, _a, { loaders }) => loaders.history.load(m._id),
};
