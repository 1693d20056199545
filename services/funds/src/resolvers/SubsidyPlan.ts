import type { SubsidyPlanResolvers } from '../__generated__/resolvers-types';
import { postingIdFor } from '../domain/ledger';
import { planKey } from '../domain/subsidies';

export const SubsidyPlan: SubsidyPlanResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.subsidyPlan.load(ref.id), (p) => p.funderId),
  id: (p) => p._id,
  funder: (p) => ({ id: p.funderId }),
  disbursement: (p, _args, { loaders }) => loaders.posting.load(postingIdFor(planKey(p._id))),
};
