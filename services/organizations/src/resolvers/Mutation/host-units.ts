import { renderProblems } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { importHostUnits } from '../../domain/host-unit-import';
import { coverUnit, registerHostUnit, uncoverUnit, updateHostUnit } from '../../domain/host-units';

export const hostUnitMutations: MutationResolvers = {
  registerHostUnit: (_p, { input }, ctx) => registerHostUnit(ctx, input),
  updateHostUnit: (_p, { id, input }, ctx) => updateHostUnit(ctx, id, input),
  coverUnit: (_p, { organizationId, unitId }, ctx) => coverUnit(ctx, organizationId, unitId),
  uncoverUnit: (_p, { organizationId, unitId }, ctx) => uncoverUnit(ctx, organizationId, unitId),
  importHostUnits: async (_p, { input }, ctx) =>
    renderProblems(await importHostUnits(ctx, input), ctx.caller.language),
};
