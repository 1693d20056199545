import type { FundsAuditStatusResolvers } from '../__generated__/resolvers-types';
import { auditedInTerm } from '../domain/governance';

export const FundsAuditStatus: FundsAuditStatusResolvers = {
  organization: (s) => ({ id: s.organizationId }),
  lastAuditedOn: async (s, _args, { loaders }) =>
    (await loaders.auditsByOrganization.load(s.organizationId))[0]?.conductedOn ?? null,
  auditedInTerm: async (s, _args, { loaders }) => {
    const last = (await loaders.auditsByOrganization.load(s.organizationId))[0];
    return auditedInTerm(last?.conductedOn, s.termYears);
  },
};
