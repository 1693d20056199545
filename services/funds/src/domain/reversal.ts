import { BadUserInputError, memberRef, NotFoundError } from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { PostingDoc } from '../models';
import { requireBookkeeper } from './access';
import { DUES_PAYMENT_EVENT } from './dues';
import { post, reversalKey } from './ledger';

/** Reverses a posting with its mirror image, dated now (entries are never edited or deleted). */
export async function reverse(ctx: Context, id: string, postedOn: Date, memo?: string | null) {
  const original = await ctx.loaders.posting.load(id);
  const visible = original && (await ctx.loaders.visiblePosting(original));
  if (!original || !visible) throw new NotFoundError('Posting', id, 'id');
  if (original.kind === 'REVERSAL') {
    throw new BadUserInputError(text('reversalOfReversal'), 'id');
  }
  const { keptBy } = await requireBookkeeper(ctx, original.bookOrgId, 'id');
  const negate = (a: PostingDoc['allocation']) =>
    a && {
      ...a,
      due: -a.due,
      received: -a.received,
      shares: a.shares.map((s) => ({ ...s, amount: -s.amount })),
    };
  const result = await post(ctx, {
    idempotencyKey: reversalKey(id),
    kind: 'REVERSAL',
    sourceKind: original.kind,
    bookOrgId: original.bookOrgId,
    postedOn,
    memo: memo ?? `冲销 Reversal of ${id}`,
    lines: original.lines.map((l) => ({ ...l, debit: l.credit || null, credit: l.debit || null })),
    reversalOf: id,
    keptBy,
    allocation: negate(original.allocation),
  });
  // The original now shows `reversedBy`; a reversed dues payment no longer stands, so readers
  // keeping a copy (members) drop it.
  await ctx.publish([
    { type: 'Posting', id: original._id, op: 'upsert', version: 2 },
    ...(original.kind === 'DUES'
      ? [
          {
            type: DUES_PAYMENT_EVENT,
            id: original._id,
            op: 'delete' as const,
            version: 2,
            affects: [memberRef(original.dues!.memberId)],
          },
        ]
      : []),
  ]);
  return result;
}
