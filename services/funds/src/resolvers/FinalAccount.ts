import type { FinalAccountResolvers } from '../__generated__/resolvers-types';

export const FinalAccount: FinalAccountResolvers = {
  __resolveReference: async (ref, { models, scope }) =>
    scope.visible(await models.FinalAccount.findById(ref.id).lean(), (f) => f.organizationId),
  id: (f) => f._id,
  organization: (f) => ({ id: f.organizationId }),
};
