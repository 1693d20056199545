import { connectionFromArray } from '@union-graph/subgraph-kit';
import type { CollectiveContractResolvers } from '../__generated__/resolvers-types';
import { contractView, scopeOf } from '../domain/contracts';

export const CollectiveContract: CollectiveContractResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.contract.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  organization: (c) => ({ id: c.organizationId }),
  scope: (c) => scopeOf(c),
  coveredUnits: async (c, args, { loaders }) =>
    connectionFromArray(await loaders.coveredUnitsByContract.load(c._id), args),
  coveredUnitCount: async (c, _args, { loaders }) => (await loaders.coverageTotals.load(c._id)).units,
  workersCovered: async (c, _args, { loaders }) => (await loaders.coverageTotals.load(c._id)).workers,
  status: async (c, _args, ctx) => (await contractView(ctx, c)).status,
  renews: async (c, _args, { loaders }) => (c.renewsId ? loaders.contract.load(c.renewsId) : null),
  renewedBy: async (c, _args, ctx) => (await contractView(ctx, c)).renewedBy,
  signedOn: async (c, _args, ctx) => (await contractView(ctx, c)).signedOn,
  filedOn: async (c, _args, ctx) => (await contractView(ctx, c)).filedOn,
  negotiationRounds: async (c, _args, ctx) => (await contractView(ctx, c)).negotiationRounds,
  renewalDue: async (c, _args, ctx) => (await contractView(ctx, c)).renewalDue,
  filingOverdue: async (c, _args, ctx) => (await contractView(ctx, c)).filingOverdue,
  steps: (c, _args, { loaders }) => loaders.steps.load(c._id),
};
