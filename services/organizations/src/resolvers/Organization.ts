import { placeNames } from '@union-graph/domain';
import { connectionFromArray, paginate } from '@union-graph/subgraph-kit';
import type { OrganizationResolvers } from '../__generated__/resolvers-types';
import { isServing } from '../domain/assemblies';
import { committeeProblems } from '../domain/committees';
import { organizationConditions, organizationSort } from '../domain/org-filter';
import { visibleOrganization } from '../domain/organizations';
import { unionEvidence } from '../domain/six-haves-evidence';
import { disclosedProblems, disclosedWomenWorkers } from '../domain/women-disclosure';
import type { HostUnitDoc, OrganizationDoc } from '../models';

export const Organization: OrganizationResolvers = {
  __resolveReference: (ref, ctx) => visibleOrganization(ctx, ref.id),
  id: (org) => org._id,
  province: (org) => placeNames(org.divisionCode).province,
  city: (org) => placeNames(org.divisionCode).city,
  county: (org) => placeNames(org.divisionCode).county,
  parent: (org, _args, ctx) => (org.parentId ? visibleOrganization(ctx, org.parentId) : null),
  mergedInto: (org, _args, ctx) => (org.mergedIntoId ? visibleOrganization(ctx, org.mergedIntoId) : null),
  ancestors: async (org, _args, ctx) => {
    const found = await ctx.loaders.organization.loadMany(org.path.slice(0, -1));
    return found.filter((o): o is OrganizationDoc => !!o && !(o instanceof Error) && ctx.scope.contains(o));
  },
  // The parent is visible, so is everything below it: the caller's scope is a whole subtree.
  // One batched query for the children of a whole page of organizations, paged in memory.
  children: async (org, { first, after }, ctx) =>
    connectionFromArray(await ctx.loaders.childrenOf.load(org._id), { first, after }),
  descendants: (org, { first, after, filter, orderBy }, { models, scope }) =>
    paginate(
      models.Organization,
      organizationConditions(scope, filter, { path: org._id }, { _id: { $ne: org._id } }),
      { first, after },
      organizationSort(orderBy),
    ),
  hostUnits: async (org, _args, ctx) => {
    const coverages = await ctx.loaders.coveragesOfOrg.load(org._id);
    const units = await ctx.loaders.hostUnit.loadMany(coverages.map((c) => c.unitId));
    return units.filter((u): u is HostUnitDoc => !!u && !(u instanceof Error));
  },
  committees: (org, _args, ctx) => ctx.loaders.committeesOfOrg.load(org._id),
  committeeProblems: async (org, _args, ctx) => {
    const registry = await ctx.loaders.registryCount.load(org._id);
    const terms = await ctx.loaders.committeesOfOrg.load(org._id);
    return disclosedProblems(ctx.caller, org, registry, committeeProblems(org, terms, undefined, registry));
  },
  womenWorkers: async (org, _args, ctx) =>
    disclosedWomenWorkers(ctx.caller, org, await ctx.loaders.registryCount.load(org._id)),
  sixHavesAssessments: (org, _args, ctx) => ctx.loaders.assessmentsOfOrg.load(org._id),
  sixHavesEvidence: (org, { year }, ctx) => unionEvidence(ctx, org, year),
  annualReviews: (org, _args, ctx) => ctx.loaders.reviewsOfOrg.load(org._id),
  conversions: (org, _args, ctx) => ctx.loaders.conversionsOfOrg.load(org._id),
  membersMeetings: (org, _args, ctx) => ctx.loaders.meetingsOfOrg.load(org._id),
  standingDelegates: async (org, { current, first, after }, ctx) => {
    const delegates = await ctx.loaders.delegatesOfOrg.load(org._id);
    return connectionFromArray(
      current == null ? delegates : delegates.filter((d) => isServing(d) === current),
      { first, after },
    );
  },
  unionDisclosures: async (org, { first, after }, ctx) =>
    connectionFromArray(await ctx.loaders.disclosuresOfOrg.load(org._id), { first, after }),
  liaisonPoints: (org, _args, ctx) => ctx.loaders.liaisonPointsOfOrg.load(org._id),
};
