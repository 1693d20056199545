import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { importRoster } from '../../domain/roster-import';

export const roster: MutationResolvers = {
  importRoster: async (_p, { input }, ctx) => {
    const report = await importRoster(ctx, input);
    return {
      ...report,
      problems: report.problems.map((p) => ({ ...p, message: p.message.render(ctx.caller.language) })),
    };
  },
};
