import { breakdownExport, paginate, statisticsDownloads } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { listDelegates } from '../domain/assemblies';
import { organizationBreakdown } from '../domain/breakdown';
import { unconvertedWorkCommittees } from '../domain/conversion';
import { undisclosedUnions } from '../domain/disclosure';
import { hostUnitImportTemplate } from '../domain/host-unit-import';
import { hostUnitConditions, visibleHostUnit } from '../domain/host-units';
import { listLiaisonPoints } from '../domain/liaison';
import { organizationConditions, organizationSort } from '../domain/org-filter';
import { visibleOrganization } from '../domain/organizations';
import { committeeChecks } from '../domain/reports/committees';
import { organizationCounts } from '../domain/reports/counts';
import { coverageByRegion, generalUnionCandidates } from '../domain/reports/coverage';
import { unreviewedOrganizations } from '../domain/reports/reviews';
import { sixHavesCompliance, sixHavesDisagreements } from '../domain/reports/six-haves';

export const Query: QueryResolvers = {
  organization: (_parent, { id }, ctx) => visibleOrganization(ctx, id),

  organizations: (_parent, { first, after, filter, orderBy }, { models, scope }) =>
    paginate(
      models.Organization,
      organizationConditions(scope, filter),
      { first, after },
      organizationSort(orderBy),
    ),

  organizationCounts: (_parent, { by, filter }, ctx) => organizationCounts(ctx, by, filter),

  organizationBreakdown: (_parent, args, ctx) => organizationBreakdown(ctx, args),
  exportOrganizationBreakdown: breakdownExport({
    subgraph: 'organizations',
    dimensionEnum: 'OrganizationDimension',
    name: 'organization-breakdown',
    breakdown: organizationBreakdown,
    downloads: (ctx) => statisticsDownloads(ctx.models.Organization.db),
  }),

  hostUnit: (_parent, { id }, ctx) => visibleHostUnit(ctx, id),

  hostUnitImportTemplate: (_parent, _args, ctx) => hostUnitImportTemplate(ctx.caller.language),

  hostUnits: async (_parent, { first, after, filter }, ctx) =>
    paginate(
      ctx.models.HostUnit,
      await hostUnitConditions(ctx, filter),
      { first, after },
      { divisionCode: 1, name: 1 },
    ),

  coverageByRegion: (_parent, { by, divisionCode, subtreeOf }, ctx) =>
    coverageByRegion(ctx, by, { divisionCode, subtreeOf }),

  generalUnionCandidates: (_parent, { divisionCode, subtreeOf }, ctx) =>
    generalUnionCandidates(ctx, { divisionCode, subtreeOf }),

  sixHavesCompliance: (_parent, { year, by, divisionCode, subtreeOf, basis }, ctx) =>
    sixHavesCompliance(ctx, year, by, { divisionCode, subtreeOf }, basis ?? 'MARKS'),

  sixHavesDisagreements: (_parent, { organizationId, year, by }, ctx) =>
    sixHavesDisagreements(ctx, organizationId, year, by),

  unreviewedOrganizations: (_parent, { since, filter, first, after }, ctx) =>
    unreviewedOrganizations(ctx, since ? new Date(since) : null, filter, { first, after }),

  committeeChecks: (_parent, { filter, problem, first, after }, ctx) =>
    committeeChecks(ctx, filter, problem, { first, after }),

  organizationMove: async (_parent, { id }, ctx) => {
    const move = await ctx.models.OrgMove.findById(id).lean();
    return move && (await visibleOrganization(ctx, move.organizationId)) ? move : null;
  },

  unconvertedWorkCommittees: (_parent, { by, divisionCode, subtreeOf }, ctx) =>
    unconvertedWorkCommittees(ctx, by, { divisionCode, subtreeOf }),

  standingDelegates: (_parent, { first, after, ...filter }, ctx) =>
    listDelegates(ctx, filter, { first, after }),

  undisclosedUnions: (_parent, { by, since, divisionCode, subtreeOf }, ctx) =>
    undisclosedUnions(ctx, by, since, { divisionCode, subtreeOf }),

  liaisonPoints: (_parent, { first, after, ...filter }, ctx) =>
    listLiaisonPoints(ctx, filter, { first, after }),
};
