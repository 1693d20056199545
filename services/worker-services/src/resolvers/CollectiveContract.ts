import type { CollectiveContractResolvers } from '../__generated__/resolvers-types';
import { contractView } from '../domain/contracts';

export const CollectiveContract: CollectiveContractResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.contract.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  organization: (c) => ({ id: c.organizationId }),
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
