import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { approveFinalAccount } from '../../domain/closing';
import { recordAudit, setBudget } from '../../domain/governance';

export const budgets: MutationResolvers = {
  setBudget: (_parent, { organizationId, year, lines }, ctx) => setBudget(ctx, organizationId, year, lines),

  approveFinalAccount: (_parent, { organizationId, year }, ctx) =>
    approveFinalAccount(ctx, organizationId, year),

  recordFundsAudit: (_parent, { input }, ctx) => recordAudit(ctx, input),
};
