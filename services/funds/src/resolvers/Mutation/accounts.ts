import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { closePeriod } from '../../domain/closing';
import { openAccount } from '../../domain/ledger';

export const accounts: MutationResolvers = {
  openFundAccount: (_parent, { organizationId, kind }, ctx) =>
    openAccount(ctx, organizationId, kind ?? undefined),

  closePeriod: (_parent, { organizationId, period }, ctx) => closePeriod(ctx, organizationId, period),
};
