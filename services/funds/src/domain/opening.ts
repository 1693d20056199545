import { createHash } from 'node:crypto';
import type { PostingDoc } from '../models/posting';
import { postingIdFor } from './ledger';

/**
 * An opening-balance posting for loaders that write through the models (the demo seed): the
 * union's money against other income, keyed by union so loading twice inserts once. Only for
 * data set up before the graph serves requests; live entries go through the mutations.
 */
export function openingBalancePosting(organizationId: string, amount: number, postedOn: Date): PostingDoc {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError('amount must be positive whole fen');
  const idempotencyKey = `opening:${organizationId}`;
  const period = postedOn.toISOString().slice(0, 7);
  const line = { organizationId, earmark: null, orgPeriod: `${organizationId}|${period}` };
  const lines = [
    { ...line, book: 'FUNDS' as const, category: null, debit: amount, credit: 0, net: amount },
    { ...line, book: 'INCOME' as const, category: 'OTHER_INCOME', debit: 0, credit: amount, net: -amount },
  ];
  return {
    _id: postingIdFor(idempotencyKey),
    idempotencyKey,
    contentHash: createHash('sha256').update(JSON.stringify({ lines, postedOn })).digest('hex'),
    kind: 'OPENING_BALANCE',
    sourceKind: 'OPENING_BALANCE',
    bookOrgId: organizationId,
    postedOn,
    period,
    memo: '期初余额 Opening balance',
    lines,
    orgIds: [organizationId],
    total: amount,
    reversalOf: null,
    keptBy: null,
    enteredBy: 'seed',
    allocation: null,
    dues: null,
    memberId: null,
    createdAt: postedOn,
  };
}
