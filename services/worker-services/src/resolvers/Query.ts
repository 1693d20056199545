import { breakdownExport, statisticsDownloads } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { visiblePersonal } from '../domain/access';
import { alertFlow, disputeFlow, openAlertFilter } from '../domain/alerts';
import { hardshipStatistics } from '../domain/assistance';
import { nominationsIn } from '../domain/awards';
import { workerServiceBreakdown } from '../domain/breakdown';
import { casePage } from '../domain/center-cases';
import { flowPageIn, listIn, pageIn } from '../domain/lists';
import { contractReport } from '../domain/report';
import { contractsCovering } from '../domain/sectoral';
import { sectoralCoverage } from '../domain/sectoral-report';

const orgOf = (d: { organizationId: string }) => d.organizationId;

export const Query: QueryResolvers = {
  workerServiceBreakdown: (_p, args, ctx) => workerServiceBreakdown(ctx, args),
  exportWorkerServiceBreakdown: breakdownExport({
    subgraph: 'worker-services',
    dimensionEnum: 'WorkerServiceDimension',
    name: 'worker-service-breakdown',
    breakdown: workerServiceBreakdown,
    downloads: (ctx) => statisticsDownloads(ctx.models.WorkersHome.db),
  }),
  workersHome: async (_p, { id }, { loaders, scope }) => scope.visible(await loaders.home.load(id), orgOf),
  workersHomeOf: async (_p, { organizationId }, { loaders, scope }) => {
    await scope.requireOrg(organizationId);
    return loaders.homeByOrganization.load(organizationId);
  },
  modelTitle: async (_p, { id }, { loaders, scope }) =>
    scope.visible(await loaders.modelTitle.load(id), orgOf),
  modelTitles: (_p, { organizationId, level, first, after }, ctx) =>
    pageIn(
      ctx,
      ctx.models.ModelTitle,
      organizationId,
      { first, after },
      { createdAt: -1 },
      level ? { level } : {},
    ),
  satisfactionSurveys: (_p, { organizationId }, ctx) => listIn(ctx, ctx.models.Survey, organizationId),
  assistanceCase: async (_p, { id }, ctx) => visiblePersonal(ctx, await ctx.loaders.assistanceCase.load(id)),
  assistanceCases: (_p, { organizationId, level, filter, first, after }, ctx) =>
    casePage(ctx, organizationId, { level, ...filter }, { first, after }),
  assistanceCenter: async (_p, { id }, { loaders, scope }) =>
    scope.visible(await loaders.center.load(id), orgOf),
  assistanceCenters: (_p, { organizationId, first, after }, ctx) =>
    pageIn(ctx, ctx.models.AssistanceCenter, organizationId, { first, after }, { name: 1 }),
  hardshipStatistics: (_p, { organizationId }, ctx) => hardshipStatistics(ctx, organizationId),
  benefitPrograms: (_p, { organizationId }, ctx) => listIn(ctx, ctx.models.BenefitProgram, organizationId),
  purchasedServices: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.PurchasedService, organizationId),
  competitions: (_p, { organizationId, year }, ctx) =>
    listIn(ctx, ctx.models.Competition, organizationId, year ? { year } : {}),
  awardNominations: (_p, { organizationId, year }, ctx) => nominationsIn(ctx, organizationId, year),
  collectiveContract: async (_p, { id }, { loaders, scope }) =>
    scope.visible(await loaders.contract.load(id), orgOf),
  collectiveContracts: (_p, { organizationId, first, after }, ctx) =>
    pageIn(ctx, ctx.models.CollectiveContract, organizationId, { first, after }, { expiresOn: 1 }),
  collectiveContractReport: (_p, { organizationId, asOf }, ctx) => contractReport(ctx, organizationId, asOf),
  contractsCoveringUnit: (_p, { hostUnitId }, ctx) => contractsCovering(ctx, hostUnitId),
  sectoralCoverageReport: (_p, { organizationId, asOf }, ctx) => sectoralCoverage(ctx, organizationId, asOf),
  workersCongresses: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.WorkersCongress, organizationId, {}, { heldOn: -1 }),
  disclosures: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.Disclosure, organizationId, {}, { disclosedOn: -1 }),
  employeeRepresentatives: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.EmployeeRepresentative, organizationId),
  laborAlert: async (_p, { id }, { loaders, scope }) => scope.visible(await loaders.alert.load(id), orgOf),
  laborAlerts: async (_p, { organizationId, openOnly, filter, first, after }, ctx) => {
    const own = [
      openOnly ? await openAlertFilter(ctx) : {},
      filter?.category ? { category: filter.category } : {},
    ];
    const list = { model: ctx.models.LaborAlert, flow: alertFlow, dateField: 'createdAt' };
    return flowPageIn(ctx, list, organizationId, filter, { first, after }, own);
  },
  collectiveDispute: async (_p, { id }, { loaders, scope }) =>
    scope.visible(await loaders.dispute.load(id), orgOf),
  collectiveDisputes: (_p, { organizationId, filter, first, after }, ctx) => {
    const list = { model: ctx.models.CollectiveDispute, flow: disputeFlow, dateField: 'occurredAt' };
    return flowPageIn(ctx, list, organizationId, filter, { first, after });
  },
};
