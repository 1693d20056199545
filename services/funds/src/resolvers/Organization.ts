import type { FundsAuditStatusResolvers, OrganizationResolvers } from '../__generated__/resolvers-types';
import { termStart } from '../domain/governance';
import { rules } from '../domain/rules';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  fundAccount: async (org, _args, { loaders, scope }) =>
    scope.visible(await loaders.accountByOrganization.load(org.id), (a) => a.organizationId),
  fundsAuditStatus: (org, { termYears }) => ({
    organizationId: org.id,
    termYears: termYears ?? rules().auditTermYears,
  }),
};

export const FundsAuditStatus: FundsAuditStatusResolvers = {
  organization: (s) => ({ id: s.organizationId }),
  lastAuditedOn: async (s, _args, { loaders }) =>
    (await loaders.auditsByOrganization.load(s.organizationId))[0]?.conductedOn ?? null,
  auditedInTerm: async (s, _args, { loaders }) => {
    const last = (await loaders.auditsByOrganization.load(s.organizationId))[0];
    return !!last && last.conductedOn >= termStart(s.termYears);
  },
};
