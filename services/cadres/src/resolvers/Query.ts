import { asDate, connectionFromArray, paginate, today } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { filingConditions } from '../domain/filings';
import { chairVacancies } from '../domain/positions';
import { orgIdOf } from '../domain/refs';
import { staffingByRegion, subtreeStaffing } from '../domain/staffing';
import { subtreeChairTraining, trainingByRegion } from '../domain/training';

const asOfDay = (asOf: Date | string | null | undefined) => (asOf ? asDate(asOf) : today());

export const Query: QueryResolvers = {
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

  chairTraining: async (_p, { organizationId, asOf, status, first, after }, ctx) => {
    const { rows } = await subtreeChairTraining(ctx, organizationId, asOfDay(asOf));
    return connectionFromArray(status ? rows.filter((r) => r.status === status) : rows, { first, after });
  },

  chairTrainingByRegion: async (_p, { organizationId, asOf, level }, ctx) => {
    const { rows, orgs } = await subtreeChairTraining(ctx, organizationId, asOfDay(asOf));
    return trainingByRegion(rows, orgs, level ?? 'PROVINCE');
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
    staffingByRegion(await subtreeStaffing(ctx, organizationId, rule), level ?? 'COUNTY'),

  contractFilings: async (_p, { organizationId, filter, first, after }, { models, scope }) => {
    const where = { ...(await scope.subtreeFilter(organizationId)), ...filingConditions(filter) };
    return paginate(models.ContractFiling, where, { first, after }, { filedOn: -1 });
  },

  contractWorker: async (_p, { id }, ctx) =>
    ctx.scope.visible(await ctx.loaders.contractWorker.load(id), orgIdOf),

  contractWorkers: async (_p, { organizationId, first, after }, { models, scope }) =>
    paginate(
      models.ContractWorker,
      await scope.subtreeFilter(organizationId),
      { first, after },
      { recruitedOn: -1 },
    ),

  cadreSubsidies: async (_p, { organizationId, first, after }, { models, scope }) =>
    paginate(models.Subsidy, await scope.subtreeFilter(organizationId), { first, after }, { paidOn: -1 }),

  rightsProtectionCases: async (_p, { organizationId, first, after }, { models, scope }) =>
    paginate(
      models.RightsCase,
      await scope.subtreeFilter(organizationId),
      { first, after },
      { openedOn: -1 },
    ),
};
