import type { ChairTrainingResolvers } from '../__generated__/resolvers-types';

export const ChairTraining: ChairTrainingResolvers = {
  organization: (r) => ({ id: r.chair.organizationId }),
};
