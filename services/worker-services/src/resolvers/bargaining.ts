import type {
  CollectiveContractReportResolvers,
  CollectiveContractResolvers,
  CongressResolutionResolvers,
  DisclosureResolvers,
  EmployeeRepresentativeResolvers,
  WorkersCongressResolvers,
} from '../__generated__/resolvers-types';
import { adopted, quorumReached } from '../domain/congress';
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

export const CollectiveContractReport: CollectiveContractReportResolvers = {
  organization: (r) => ({ id: r.organizationId }),
};

export const WorkersCongress: WorkersCongressResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.congress.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  organization: (c) => ({ id: c.organizationId }),
  quorumReached: (c) => quorumReached(c),
  resolutions: (c) => c.resolutions.map((r) => ({ ...r, adopted: adopted(r, c.delegates) })),
};

export const CongressResolution: CongressResolutionResolvers = {};

export const Disclosure: DisclosureResolvers = {
  id: (d) => d._id,
  organization: (d) => ({ id: d.organizationId }),
};

export const EmployeeRepresentative: EmployeeRepresentativeResolvers = {
  id: (r) => r._id,
  member: (r) => ({ id: r.memberId }),
  organization: (r) => ({ id: r.organizationId }),
  congress: async (r, _args, { loaders }) => (await loaders.congress.load(r.congressId))!,
};
