import type { PostingResolvers } from '../__generated__/resolvers-types';
import { postingIdFor, reversalKey } from '../domain/ledger';

export const Posting: PostingResolvers = {
  __resolveReference: async (ref, { loaders }) => {
    const p = await loaders.posting.load(ref.id);
    return p && (await loaders.visiblePosting(p)) ? p : null;
  },
  id: (p) => p._id,
  // Below the national level a caller sees the lines of unions in their scope only.
  lines: async (p, _args, { scope }) => {
    if (scope.isNationwide) return p.lines;
    const orgs = await scope.orgs.loadMany(p.lines.map((l) => l.organizationId));
    return p.lines.filter((_, i) => {
      const o = orgs[i];
      return o && !(o instanceof Error) && scope.contains(o);
    });
  },
  reversalOf: (p, _args, { loaders }) => (p.reversalOf ? loaders.posting.load(p.reversalOf) : null),
  reversedBy: (p, _args, { loaders }) => loaders.posting.load(postingIdFor(reversalKey(p._id))),
  keptBy: (p) => (p.keptBy ? { id: p.keptBy } : null),
};
