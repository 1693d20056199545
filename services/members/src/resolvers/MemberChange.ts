import { mayReveal } from '@union-graph/subgraph-kit';
import type { MemberChangeResolvers } from '../__generated__/resolvers-types';
import { ARCHIVED_KINDS } from '../domain/archive';
import { text } from '../messages';
import type { MemberChangeDoc } from '../models';

/** The transfer steps archived under a fixed id (`<transfer>:opened|moved`, see transfers.ts). */
const TRANSFER_NOTES = { opened: 'transferOpenedNote', moved: 'transferMovedNote' } as const;

/** A note the system wrote (a transfer's step), worded on reading; a person's note as written. */
function systemNote(c: MemberChangeDoc) {
  const step = c.action === 'TRANSFER' ? /^(.+):(opened|moved)$/.exec(c._id) : null;
  return step ? text(TRANSFER_NOTES[step[2] as keyof typeof TRANSFER_NOTES], { transferId: step[1]! }) : null;
}

/**
 * `Member.history` is ARCHIVE (withheld from whoever may not see the whole record); a caller who
 * does reach it still gets each old and new value only if the policy lets them see its kind.
 */
export const MemberChange: MemberChangeResolvers = {
  note: (c, _a, ctx) => systemNote(c)?.render(ctx.caller.language) ?? c.note ?? null,
  changes: (c, _a, ctx) =>
    c.changes.map((f) =>
      mayReveal(ctx.caller, ARCHIVED_KINDS[f.field] ?? 'NONE', c.memberId)
        ? f
        : { ...f, from: null, to: null },
    ),
};
