import type { FundsAuditResolvers } from '../__generated__/resolvers-types';

export const FundsAudit: FundsAuditResolvers = {
  __resolveReference: async (ref, { models, scope }) =>
    scope.visible(await models.FundsAudit.findById(ref.id).lean(), (a) => a.organizationId),
  id: (a) => a._id,
  organization: (a) => ({ id: a.organizationId }),
  auditedBy: (a) => ({ id: a.auditedById }),
};
