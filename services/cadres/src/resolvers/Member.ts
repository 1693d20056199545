import type { MemberResolvers } from '../__generated__/resolvers-types';
import { orgIdOf } from '../domain/refs';

export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  positions: async (m, _a, ctx) => {
    const all = await ctx.loaders.positionsByMember.load(m.id);
    const visible = await Promise.all(all.map((c) => ctx.scope.visible(c, orgIdOf)));
    return visible.filter((c) => c !== null);
  },
};
