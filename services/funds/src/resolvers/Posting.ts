import type {
  AllocationShareResolvers,
  PostingLineResolvers,
  PostingResolvers,
} from '../__generated__/resolvers-types';
import { postingIdFor } from '../domain/ledger';
import { reversalKey } from '../domain/reversal';

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

export const PostingLine: PostingLineResolvers = {
  organization: (l) => ({ id: l.organizationId }),
};

export const AllocationShare: AllocationShareResolvers = {
  organization: (s) => ({ id: s.organizationId }),
};
