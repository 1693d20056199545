import { type ConnectionArgs, MAX_PAGE_SIZE, paginate } from '@union-graph/subgraph-kit';
import type { Model } from 'mongoose';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { hardshipStatistics } from '../domain/assistance';
import { contractReport } from '../domain/report';
import { subtreeFilter, visiblePersonal } from '../subtree';

/** Every document of a subtree, for the short lists (programs, congresses…): capped, never unbounded. */
async function listIn<T>(
  ctx: Context,
  model: Model<T>,
  organizationId: string,
  extra: Record<string, unknown> = {},
  sort: Record<string, 1 | -1> = { createdAt: -1 },
): Promise<T[]> {
  const filter = { ...(await subtreeFilter(ctx, organizationId)), ...extra };
  return model
    .find(filter)
    .sort({ ...sort, _id: 1 })
    .limit(MAX_PAGE_SIZE)
    .lean<T[]>();
}

/** One page of a subtree's documents, for the long lists. */
async function pageIn<T>(
  ctx: Context,
  model: Model<T>,
  organizationId: string,
  args: ConnectionArgs,
  sort: Record<string, 1 | -1>,
  extra: Record<string, unknown> = {},
) {
  return paginate(model, { ...(await subtreeFilter(ctx, organizationId)), ...extra }, args, sort);
}

const orgOf = (d: { organizationId: string }) => d.organizationId;

export const Query: QueryResolvers = {
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
  assistanceCases: (_p, { organizationId, level, first, after }, ctx) => {
    ctx.scope.requireRole('NATIONAL_ADMIN', 'ORG_ADMIN', 'ANALYST');
    const extra = level ? { level } : {};
    return pageIn(ctx, ctx.models.AssistanceCase, organizationId, { first, after }, { createdAt: -1 }, extra);
  },
  hardshipStatistics: (_p, { organizationId }, ctx) => hardshipStatistics(ctx, organizationId),
  benefitPrograms: (_p, { organizationId }, ctx) => listIn(ctx, ctx.models.BenefitProgram, organizationId),
  purchasedServices: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.PurchasedService, organizationId),
  competitions: (_p, { organizationId, year }, ctx) =>
    listIn(ctx, ctx.models.Competition, organizationId, year ? { year } : {}),
  awardNominations: async (_p, { organizationId, year }, ctx) => {
    const filter = {
      ...(await subtreeFilter(ctx, organizationId, 'nomineeOrganizationId')),
      ...(year ? { year } : {}),
    };
    return ctx.models.AwardNomination.find(filter).sort({ year: -1, _id: 1 }).limit(MAX_PAGE_SIZE).lean();
  },
  collectiveContract: async (_p, { id }, { loaders, scope }) =>
    scope.visible(await loaders.contract.load(id), orgOf),
  collectiveContracts: (_p, { organizationId, first, after }, ctx) =>
    pageIn(ctx, ctx.models.CollectiveContract, organizationId, { first, after }, { expiresOn: 1 }),
  collectiveContractReport: (_p, { organizationId, asOf }, ctx) => contractReport(ctx, organizationId, asOf),
  workersCongresses: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.WorkersCongress, organizationId, {}, { heldOn: -1 }),
  disclosures: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.Disclosure, organizationId, {}, { disclosedOn: -1 }),
  employeeRepresentatives: (_p, { organizationId }, ctx) =>
    listIn(ctx, ctx.models.EmployeeRepresentative, organizationId),
  laborAlert: async (_p, { id }, { loaders, scope }) => scope.visible(await loaders.alert.load(id), orgOf),
  laborAlerts: async (_p, { organizationId, openOnly, first, after }, ctx) => {
    // Open = no RESOLVE step: the resolved ids come from the append-only step records.
    const extra = openOnly
      ? {
          _id: {
            $nin: await ctx.models.Step.distinct('subjectId', { subjectType: 'LaborAlert', step: 'RESOLVE' }),
          },
        }
      : {};
    return pageIn(ctx, ctx.models.LaborAlert, organizationId, { first, after }, { createdAt: -1 }, extra);
  },
  collectiveDispute: async (_p, { id }, { loaders, scope }) =>
    scope.visible(await loaders.dispute.load(id), orgOf),
  collectiveDisputes: (_p, { organizationId, first, after }, ctx) =>
    pageIn(ctx, ctx.models.CollectiveDispute, organizationId, { first, after }, { occurredAt: -1 }),
};
