import type { BudgetResolvers } from '../__generated__/resolvers-types';
import { WORKER_CATEGORIES } from '../domain/categories';
import { spendingByCategory } from '../domain/closing';
import { shareInBasisPoints } from '../domain/money';

export const Budget: BudgetResolvers = {
  __resolveReference: async (ref, { models, scope }) =>
    scope.visible(await models.Budget.findById(ref.id).lean(), (b) => b.organizationId),
  id: (b) => b._id,
  organization: (b) => ({ id: b.organizationId }),
  spending: (b, _args, ctx) => spendingByCategory(ctx, b.organizationId, b.year),
  workerShareBp: async (b, _args, ctx) => {
    const spending = await spendingByCategory(ctx, b.organizationId, b.year);
    const total = spending.reduce((a, s) => a + s.amount, 0);
    const onWorkers = spending
      .filter((s) => WORKER_CATEGORIES.has(s.category))
      .reduce((a, s) => a + s.amount, 0);
    return shareInBasisPoints(onWorkers, total);
  },
};
