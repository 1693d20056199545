import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import { rules } from '../rules';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  fundAccount: async (org, _args, { loaders, scope }) =>
    scope.visible(await loaders.accountByOrganization.load(org.id), (a) => a.organizationId),
  rightsFundAccount: async (org, _args, { loaders, scope }) =>
    scope.visible(await loaders.rightsAccountByOrganization.load(org.id), (a) => a.organizationId),
  fundsAuditStatus: (org, { termYears }) => ({
    organizationId: org.id,
    termYears: termYears ?? rules().auditTermYears,
  }),
};
