import type { MemberResolvers } from '../__generated__/resolvers-types';

const orgOf = (d: { organizationId: string }) => d.organizationId;

/**
 * A member reference is not proof of scope either: the card and each honor show only when their
 * union is in the caller's subtree.
 */
export const Member: MemberResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  gdBenefitCard: async (m, _a, { loaders, scope }) =>
    scope.visible(await loaders.activeCardByMember.load(m.id), orgOf),
  gdHonors: async (m, _a, { loaders, scope }) => {
    const honors = await loaders.honorsByMember.load(m.id);
    const shown = await Promise.all(honors.map((h) => scope.visible(h, orgOf)));
    return shown.filter((h) => h !== null);
  },
};
