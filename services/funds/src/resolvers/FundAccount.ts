import { paginate } from '@union-graph/subgraph-kit';
import type { FundAccountResolvers } from '../__generated__/resolvers-types';
import { reconcile } from '../domain/closing';
import { periodCondition } from '../domain/periods';
import type { FundAccountDoc } from '../models';

/** A rights-protection account is the union's FUNDS lines earmarked CADRE_RIGHTS (see ledger.graphql). */
const isRights = (a: FundAccountDoc) => a.kind === 'CADRE_RIGHTS';
const RIGHTS = { book: 'FUNDS', earmark: 'CADRE_RIGHTS' } as const;

export const FundAccount: FundAccountResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.account.load(ref.id), (a) => a.organizationId),
  id: (a) => a._id,
  organization: (a) => ({ id: a.organizationId }),
  kind: (a) => a.kind ?? 'GENERAL',
  balance: (a, _args, { loaders }) =>
    loaders.ledgerSum(isRights(a) ? RIGHTS : { book: 'FUNDS' }).load(a.organizationId),
  earmarkedBalance: async (a, _args, { loaders }) =>
    isRights(a) ? 0 : loaders.ledgerSum({ book: 'FUNDS', earmark: 'TOWNSHIP' }).load(a.organizationId),
  income: async (a, range, { loaders }) => {
    const period = periodCondition(range);
    if (isRights(a)) return loaders.ledgerSum({ ...RIGHTS, period, side: 'debit' }).load(a.organizationId);
    // Income is credit-normal: the sum of its net (debit − credit) is negative.
    return -(await loaders.ledgerSum({ book: 'INCOME', period }).load(a.organizationId));
  },
  spending: (a, range, { loaders }) => {
    const period = periodCondition(range);
    return isRights(a)
      ? loaders.ledgerSum({ ...RIGHTS, period, side: 'credit' }).load(a.organizationId)
      : loaders.ledgerSum({ book: 'EXPENSE', period }).load(a.organizationId);
  },
  keptBy: async (a, _args, { loaders }) => {
    const agreement = await loaders.activeAgreement.load(a.organizationId);
    return agreement ? { id: agreement.upperId } : null;
  },
  closedThrough: async (a, _args, { loaders }) =>
    (await loaders.closedThrough.load(a.organizationId))?.period ?? null,
  postings: (a, args, { models }) =>
    paginate(
      models.Posting,
      isRights(a) ? { rightsFundOrgIds: a.organizationId } : { orgIds: a.organizationId },
      args,
      { createdAt: -1 },
    ),
  reconciliation: async (a, _args, ctx) => {
    if (!isRights(a)) return reconcile(ctx, a.organizationId);
    // Period closes snapshot the union's whole funds, of which this fund is a part.
    const balance = await ctx.loaders.ledgerSum(RIGHTS).load(a.organizationId);
    return { balance, closes: [], consistent: true };
  },
};
