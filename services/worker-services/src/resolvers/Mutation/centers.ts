import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { routeAssistanceCase } from '../../domain/center-cases';
import { createAssistanceCenter } from '../../domain/centers';
import { keyed } from '../../domain/once';

export const centerMutations: MutationResolvers = {
  createAssistanceCenter: (_p, args, ctx) =>
    createAssistanceCenter(ctx, ...keyed('createAssistanceCenter', args.input)),
  routeAssistanceCase: (_p, { id, centerId }, ctx) => routeAssistanceCase(ctx, id, centerId),
};
