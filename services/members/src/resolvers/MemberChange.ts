import { mayReveal } from '@union-graph/subgraph-kit';
import type { MemberChangeResolvers } from '../__generated__/resolvers-types';
import { ARCHIVED_KINDS } from '../domain/archive';

/**
 * `Member.history` is ARCHIVE (withheld from whoever may not see the whole record); a caller who
 * does reach it still gets each old and new value only if the policy lets them see its kind.
 */
export const MemberChange: MemberChangeResolvers = {
  changes: (c, _a, ctx) =>
    c.changes.map((f) =>
      mayReveal(ctx.caller, ARCHIVED_KINDS[f.field] ?? 'NONE', c.memberId)
        ? f
        : { ...f, from: null, to: null },
    ),
};
