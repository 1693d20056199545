import {
  asDate,
  breakdownExport,
  type ConnectionArgs,
  connectionFromArray,
  disclosedConnection,
  minimumCountFor,
  paginate,
  statisticsDownloads,
  today,
} from '@union-graph/subgraph-kit';
import type { Model, SortOrder } from 'mongoose';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { cadreBreakdown } from '../domain/breakdown';
import { disclosedStaffing, disclosedTraining } from '../domain/disclosure';
import { filingConditions } from '../domain/filings';
import { chairVacancies } from '../domain/positions';
import { orgIdOf } from '../domain/refs';
import { staffingByRegion, subtreeStaffing } from '../domain/staffing';
import { subtreeChairTraining, trainingByRegion } from '../domain/training';

const asOfDay = (asOf: Date | string | null | undefined) => (asOf ? asDate(asOf) : today());

/** A page of the persons (contract workers, cadres helped) of a union's subtree. */
async function personsIn<T>(
  ctx: Context,
  model: Model<T>,
  organizationId: string,
  args: ConnectionArgs,
  sort: Record<string, SortOrder>,
) {
  return disclosedConnection(
    ctx.caller,
    await paginate(model, await ctx.scope.subtreeFilter(organizationId), args, sort),
  );
}

export const Query: QueryResolvers = {
  cadreBreakdown: (_p, args, ctx) => cadreBreakdown(ctx, args),
  exportCadreBreakdown: breakdownExport({
    subgraph: 'cadres',
    dimensionEnum: 'CadreDimension',
    name: 'cadre-breakdown',
    breakdown: cadreBreakdown,
    downloads: (ctx) => statisticsDownloads(ctx.models.Cadre.db),
  }),

  cadre: async (_p, { id }, ctx) => ctx.scope.visible(await ctx.loaders.cadre.load(id), orgIdOf),

  cadres: async (_p, { organizationId }, { loaders, scope }) => {
    await scope.requireOrg(organizationId);
    return loaders.cadresByOrganization.load(organizationId);
  },

  election: async (_p, { id }, ctx) => ctx.scope.visible(await ctx.loaders.election.load(id), orgIdOf),

  elections: async (_p, { organizationId, first, after }, { models, scope }) => {
    await scope.requireOrg(organizationId);
    return paginate(models.Election, { organizationId }, { first, after }, { voteDate: -1 });
  },

  // Chairs are persons: the list and the by-region counts are held to k for an analyst (issue #19);
  // a status filter is compared with the whole list, as members' filtered lists are.
  chairTraining: async (_p, { organizationId, asOf, status, first, after }, ctx) => {
    const { rows } = await subtreeChairTraining(ctx, organizationId, asOfDay(asOf));
    const listed = status ? rows.filter((r) => r.status === status) : rows;
    return disclosedConnection(
      ctx.caller,
      connectionFromArray(listed, { first, after }),
      status ? async () => rows.length : undefined,
    );
  },

  chairTrainingByRegion: async (_p, { organizationId, asOf, level }, ctx) => {
    const { rows, orgs } = await subtreeChairTraining(ctx, organizationId, asOfDay(asOf));
    return disclosedTraining(trainingByRegion(rows, orgs, level ?? 'PROVINCE'), minimumCountFor(ctx.caller));
  },

  chairVacancies: async (_p, { organizationId, asOf, overdueOnly }, ctx) => {
    const rows = await chairVacancies(ctx, organizationId, asOfDay(asOf));
    return overdueOnly ? rows.filter((r) => r.overdue) : rows;
  },

  staffingShortfalls: async (_p, { organizationId, rule, first, after }, ctx) => {
    const views = await subtreeStaffing(ctx, organizationId, rule);
    return connectionFromArray(
      views.filter((v) => v.shortBy > 0),
      { first, after },
    );
  },

  staffingByRegion: async (_p, { organizationId, rule, level }, ctx) =>
    disclosedStaffing(
      staffingByRegion(await subtreeStaffing(ctx, organizationId, rule), level ?? 'COUNTY'),
      minimumCountFor(ctx.caller),
    ),

  // Lists of persons (chairs' contracts, contract workers, cadres helped): held to k for an
  // analyst, page and count together, as members' lists are (issue #19).
  contractFilings: async (_p, { organizationId, filter, first, after }, { caller, models, scope }) => {
    const where = { ...(await scope.subtreeFilter(organizationId)), ...filingConditions(filter) };
    return disclosedConnection(
      caller,
      await paginate(models.ContractFiling, where, { first, after }, { filedOn: -1 }),
    );
  },

  contractWorker: async (_p, { id }, ctx) =>
    ctx.scope.visible(await ctx.loaders.contractWorker.load(id), orgIdOf),

  contractWorkers: (_p, { organizationId, first, after }, ctx) =>
    personsIn(ctx, ctx.models.ContractWorker, organizationId, { first, after }, { recruitedOn: -1 }),

  cadreSubsidies: (_p, { organizationId, first, after }, ctx) =>
    personsIn(ctx, ctx.models.Subsidy, organizationId, { first, after }, { paidOn: -1 }),

  rightsProtectionCases: (_p, { organizationId, first, after }, ctx) =>
    personsIn(ctx, ctx.models.RightsCase, organizationId, { first, after }, { openedOn: -1 }),
};
