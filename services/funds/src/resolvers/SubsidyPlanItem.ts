import type { SubsidyPlanItemResolvers } from '../__generated__/resolvers-types';

export const SubsidyPlanItem: SubsidyPlanItemResolvers = {
  recipient: (i) => ({ id: i.recipientId }),
};
