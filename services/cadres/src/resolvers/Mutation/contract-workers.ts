import type { MutationResolvers } from '../../__generated__/resolvers-types';
import * as workers from '../../domain/contract-workers';

export const contractWorkerMutations: MutationResolvers = {
  recruitContractWorker: (_p, { input }, ctx) => workers.recruit(ctx, input),
  assignContractWorker: (_p, { input }, ctx) => workers.assign(ctx, input),
  recordContractWorkerDuty: (_p, { input }, ctx) => workers.recordDuty(ctx, input),
  assessContractWorker: (_p, { input }, ctx) => workers.assess(ctx, input),
  exitContractWorker: (_p, { input }, ctx) => workers.exit(ctx, input),
};
