import { breakdownExport, type Connection, statisticsDownloads } from '@union-graph/subgraph-kit';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import { fundsBreakdown } from '../domain/breakdown';
import { requireYear } from '../domain/periods';
import { allocationCompliance, earmarkCompliance, fundFlows, unaudited } from '../domain/reports';
import type { AuditStatus } from '../domain/views';
import { rules } from '../rules';

export const Query: QueryResolvers = {
  fundsBreakdown: (_parent, args, ctx) => fundsBreakdown(ctx, args),
  exportFundsBreakdown: breakdownExport({
    subgraph: 'funds',
    dimensionEnum: 'FundsDimension',
    name: 'funds-breakdown',
    breakdown: fundsBreakdown,
    downloads: (ctx) => statisticsDownloads(ctx.models.Posting.db),
  }),

  fundAccount: async (_parent, { id }, { loaders, scope }) =>
    scope.visible(await loaders.account.load(id), (a) => a.organizationId),

  fundAccountOf: async (_parent, { organizationId, kind }, { loaders, scope }) => {
    await scope.requireOrg(organizationId);
    const byOrganization =
      kind === 'CADRE_RIGHTS' ? loaders.rightsAccountByOrganization : loaders.accountByOrganization;
    return byOrganization.load(organizationId);
  },

  posting: async (_parent, { id }, { loaders }) => {
    const p = await loaders.posting.load(id);
    return p && (await loaders.visiblePosting(p)) ? p : null;
  },

  subsidyPlan: async (_parent, { id }, { loaders, scope }) =>
    scope.visible(await loaders.subsidyPlan.load(id), (p) => p.funderId),

  centralizedAccounting: async (_parent, { organizationId }, { models, scope }) => {
    await scope.requireOrg(organizationId);
    // Visible to both sides: the lower union sees who keeps its books, the upper whose books it keeps.
    return models.Agreement.find({ $or: [{ upperId: organizationId }, { lowerId: organizationId }] })
      .sort({ startedOn: -1, _id: 1 })
      .lean();
  },

  budget: async (_parent, { organizationId, year }, { models, scope }) => {
    await scope.requireOrg(organizationId);
    return models.Budget.findById(`${organizationId}:${requireYear(year)}`).lean();
  },

  finalAccount: async (_parent, { organizationId, year }, { models, scope }) => {
    await scope.requireOrg(organizationId);
    return models.FinalAccount.findById(`${organizationId}:${requireYear(year)}`).lean();
  },

  fundsAudits: async (_parent, { organizationId }, { loaders, scope }) => {
    await scope.requireOrg(organizationId);
    return loaders.auditsByOrganization.load(organizationId);
  },

  unauditedOrganizations: async (_parent, { type, termYears, first, after }, ctx) => {
    const years = termYears ?? rules().auditTermYears;
    const page = await unaudited(ctx, { type, termYears: years, first, after });
    const status = (o: { _id: string }): AuditStatus => ({ organizationId: o._id, termYears: years });
    return {
      ...page,
      nodes: page.nodes.map(status),
      edges: page.edges.map((e) => ({ ...e, node: status(e.node) })),
    } satisfies Connection<AuditStatus>;
  },

  fundFlows: (_parent, { groupBy, from, to }, ctx) => {
    ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
    return fundFlows(ctx, groupBy, from, to);
  },

  allocationCompliance: (_parent, { from, to }, ctx) => {
    ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
    return allocationCompliance(ctx, from, to);
  },

  earmarkCompliance: (_parent, { year }, ctx) => earmarkCompliance(ctx, requireYear(year), rules()),
};
