import type { HostUnitResolvers } from '../__generated__/resolvers-types';
import { contractsCovering } from '../domain/sectoral';

export const HostUnit: HostUnitResolvers = {
  __resolveReference: (ref) => ref,
  coveringContracts: (u, _args, ctx) => contractsCovering(ctx, u.id),
};
