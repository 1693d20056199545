import { renderProblems } from '@union-graph/subgraph-kit';
import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { importRoster } from '../../domain/roster-import';

export const roster: MutationResolvers = {
  importRoster: async (_p, { input }, ctx) =>
    renderProblems(await importRoster(ctx, input), ctx.caller.language),
};
