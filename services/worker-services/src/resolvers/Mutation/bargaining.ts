import type { MutationResolvers } from '../../__generated__/resolvers-types';
import {
  createCollectiveContract,
  electEmployeeRepresentative,
  fileCollectiveContract,
  holdWorkersCongress,
  recordDisclosure,
  recordNegotiation,
  signCollectiveContract,
} from '../../domain/bargaining';
import { keyed } from '../../domain/once';
import { addCoveredUnit, removeCoveredUnit, renewCollectiveContract } from '../../domain/sectoral';

export const bargainingMutations: MutationResolvers = {
  createCollectiveContract: (_p, args, ctx) =>
    createCollectiveContract(ctx, ...keyed('createCollectiveContract', args.input)),
  recordNegotiation: (_p, all, ctx) => {
    const [{ id, note }, once] = keyed('recordNegotiation', all);
    return recordNegotiation(ctx, id, note, once);
  },
  signCollectiveContract: (_p, all, ctx) => {
    const [{ id, signedOn }, once] = keyed('signCollectiveContract', all);
    return signCollectiveContract(ctx, id, signedOn, once);
  },
  fileCollectiveContract: (_p, all, ctx) => {
    const [{ id, filedOn }, once] = keyed('fileCollectiveContract', all);
    return fileCollectiveContract(ctx, id, filedOn, once);
  },
  addCoveredUnit: (_p, args, ctx) => addCoveredUnit(ctx, ...keyed('addCoveredUnit', args.input)),
  removeCoveredUnit: (_p, { contractId, hostUnitId }, ctx) => removeCoveredUnit(ctx, contractId, hostUnitId),
  renewCollectiveContract: (_p, args, ctx) =>
    renewCollectiveContract(ctx, ...keyed('renewCollectiveContract', args.input)),
  holdWorkersCongress: (_p, args, ctx) =>
    holdWorkersCongress(ctx, ...keyed('holdWorkersCongress', args.input)),
  recordDisclosure: (_p, args, ctx) => recordDisclosure(ctx, ...keyed('recordDisclosure', args.input)),
  electEmployeeRepresentative: (_p, args, ctx) =>
    electEmployeeRepresentative(ctx, ...keyed('electEmployeeRepresentative', args.input)),
};
