import type { ContractWorkerResolvers } from '../__generated__/resolvers-types';
import { workerState } from '../domain/contract-workers';
import { orgIdOf } from '../domain/refs';

export const ContractWorker: ContractWorkerResolvers = {
  __resolveReference: async (ref, ctx) =>
    ctx.scope.visible(await ctx.loaders.contractWorker.load(ref.id), orgIdOf),
  id: (w) => w._id,
  member: (w) => ({ id: w.memberId }),
  organization: (w) => ({ id: w.organizationId }),
  status: async (w, _a, { loaders }) => workerState(await loaders.stepsByWorker.load(w._id)).status,
  assignedOrganization: async (w, _a, { loaders }) => {
    const { assignedOrganizationId } = workerState(await loaders.stepsByWorker.load(w._id));
    return assignedOrganizationId ? { id: assignedOrganizationId } : null;
  },
  position: async (w, _a, { loaders }) => {
    const { cadreId } = workerState(await loaders.stepsByWorker.load(w._id));
    return cadreId ? loaders.cadre.load(cadreId) : null;
  },
  steps: (w, _a, { loaders }) => loaders.stepsByWorker.load(w._id),
};
