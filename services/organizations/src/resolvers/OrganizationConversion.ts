import type { OrganizationConversionResolvers } from '../__generated__/resolvers-types';
import { ownerOf, visibleOrganization } from '../domain/organizations';

export const OrganizationConversion: OrganizationConversionResolvers = {
  id: (c) => c._id,
  organization: (c, _args, ctx) => ownerOf(ctx, c.organizationId),
  approvedBy: (c, _args, ctx) => visibleOrganization(ctx, c.approvedById),
};
