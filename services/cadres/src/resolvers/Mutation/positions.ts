import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { appointCadre, endCadreTerm } from '../../domain/positions';

export const positionMutations: MutationResolvers = {
  appointCadre: (_p, { input }, ctx) => appointCadre(ctx, input),
  endCadreTerm: (_p, { input }, ctx) => endCadreTerm(ctx, input),
};
