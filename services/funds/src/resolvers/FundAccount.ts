import { paginate } from '@union-graph/subgraph-kit';
import type { FundAccountResolvers } from '../__generated__/resolvers-types';
import { reconcile } from '../domain/closing';
import { periodCondition } from '../domain/periods';

export const FundAccount: FundAccountResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.account.load(ref.id), (a) => a.organizationId),
  id: (a) => a._id,
  organization: (a) => ({ id: a.organizationId }),
  balance: (a, _args, { loaders }) => loaders.ledgerSum({ book: 'FUNDS' }).load(a.organizationId),
  earmarkedBalance: (a, _args, { loaders }) =>
    loaders.ledgerSum({ book: 'FUNDS', earmark: 'TOWNSHIP' }).load(a.organizationId),
  income: async (a, range, { loaders }) =>
    // Income is credit-normal: the sum of its net (debit − credit) is negative.
    -(await loaders.ledgerSum({ book: 'INCOME', period: periodCondition(range) }).load(a.organizationId)),
  spending: (a, range, { loaders }) =>
    loaders.ledgerSum({ book: 'EXPENSE', period: periodCondition(range) }).load(a.organizationId),
  keptBy: async (a, _args, { loaders }) => {
    const agreement = await loaders.activeAgreement.load(a.organizationId);
    return agreement ? { id: agreement.upperId } : null;
  },
  closedThrough: async (a, _args, { loaders }) =>
    (await loaders.closedThrough.load(a.organizationId))?.period ?? null,
  postings: (a, args, { models }) =>
    paginate(models.Posting, { orgIds: a.organizationId }, args, { createdAt: -1 }),
  reconciliation: (a, _args, ctx) => reconcile(ctx, a.organizationId),
};
