import { NotFoundError } from '@union-graph/subgraph-kit';
import type { CoveredUnitResolvers } from '../__generated__/resolvers-types';

export const CoveredUnit: CoveredUnitResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.coveredUnit.load(ref.id), (u) => u.organizationId),
  id: (u) => u._id,
  contract: async (u, _args, { loaders }) => {
    const contract = await loaders.contract.load(u.contractId);
    if (!contract) throw new NotFoundError('CollectiveContract', u.contractId);
    return contract;
  },
  hostUnit: (u) => ({ id: u.hostUnitId }),
  coveringUnion: (u) => ({ id: u.coveringUnionId }),
};
