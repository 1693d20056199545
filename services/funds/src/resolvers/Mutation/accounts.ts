import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { closePeriod } from '../../domain/closing';
import { openAccount } from '../../domain/ledger';

export const accounts: MutationResolvers = {
  openFundAccount: (_parent, { organizationId }, ctx) => openAccount(ctx, organizationId),

  closePeriod: (_parent, { organizationId, period }, ctx) => closePeriod(ctx, organizationId, period),
};
