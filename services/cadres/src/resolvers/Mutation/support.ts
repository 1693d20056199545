import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { approveSupport, openRightsCase, recordSubsidy } from '../../domain/support';

export const supportMutations: MutationResolvers = {
  recordCadreSubsidy: (_p, { input }, ctx) => recordSubsidy(ctx, input),
  openRightsProtectionCase: (_p, { input }, ctx) => openRightsCase(ctx, input),
  approveRightsCaseSupport: (_p, { input }, ctx) => approveSupport(ctx, input),
};
