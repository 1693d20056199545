import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { coverUnit, registerHostUnit, uncoverUnit, updateHostUnit } from '../../domain/host-units';

export const hostUnitMutations: MutationResolvers = {
  registerHostUnit: (_p, { input }, ctx) => registerHostUnit(ctx, input),
  updateHostUnit: (_p, { id, input }, ctx) => updateHostUnit(ctx, id, input),
  coverUnit: (_p, { organizationId, unitId }, ctx) => coverUnit(ctx, organizationId, unitId),
  uncoverUnit: (_p, { organizationId, unitId }, ctx) => uncoverUnit(ctx, organizationId, unitId),
};
