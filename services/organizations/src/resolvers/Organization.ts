import { placeNames } from '@union-graph/domain';
import { paginate } from '@union-graph/subgraph-kit';
import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import { visibleOrganization } from './visibility';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref, ctx) => visibleOrganization(ctx, ref.id),
  id: (org) => org._id,
  province: (org) => placeNames(org.divisionCode).province,
  city: (org) => placeNames(org.divisionCode).city,
  county: (org) => placeNames(org.divisionCode).county,
  parent: (org, _args, ctx) => (org.parentId ? visibleOrganization(ctx, org.parentId) : null),
  children: (org, { first, after }, { models }) =>
    paginate(models.Organization, { parentId: org._id }, { first, after }, { name: 1 }),
};
