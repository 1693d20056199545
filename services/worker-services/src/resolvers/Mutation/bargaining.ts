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

export const bargainingMutations: MutationResolvers = {
  createCollectiveContract: (_p, { input }, ctx) => createCollectiveContract(ctx, input),
  recordNegotiation: (_p, { id, note }, ctx) => recordNegotiation(ctx, id, note),
  signCollectiveContract: (_p, { id, signedOn }, ctx) => signCollectiveContract(ctx, id, signedOn),
  fileCollectiveContract: (_p, { id, filedOn }, ctx) => fileCollectiveContract(ctx, id, filedOn),
  holdWorkersCongress: (_p, { input }, ctx) => holdWorkersCongress(ctx, input),
  recordDisclosure: (_p, { input }, ctx) => recordDisclosure(ctx, input),
  electEmployeeRepresentative: (_p, { input }, ctx) => electEmployeeRepresentative(ctx, input),
};
