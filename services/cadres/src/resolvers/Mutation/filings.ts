import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { fileContractChange } from '../../domain/filings';

export const filingMutations: MutationResolvers = {
  fileContractChange: (_p, { input }, ctx) => fileContractChange(ctx, input),
};
