import type { WorkersCongressResolvers } from '../__generated__/resolvers-types';
import { adopted, quorumReached } from '../domain/congress';

export const WorkersCongress: WorkersCongressResolvers = {
  __resolveReference: async (ref, { loaders, scope }) =>
    scope.visible(await loaders.congress.load(ref.id), (c) => c.organizationId),
  id: (c) => c._id,
  organization: (c) => ({ id: c.organizationId }),
  quorumReached: (c) => quorumReached(c),
  resolutions: (c) => c.resolutions.map((r) => ({ ...r, adopted: adopted(r, c.delegates) })),
};
