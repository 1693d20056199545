import type { ChairVacancyResolvers } from '../__generated__/resolvers-types';

export const ChairVacancy: ChairVacancyResolvers = {
  organization: (r) => ({ id: r.organizationId }),
};
