import type { MutationResolvers } from '../../__generated__/resolvers-types';
import { endAgreement, enterAgreement } from '../../domain/governance';
import { toDate } from '../../domain/periods';
import { createPlan, disbursePlan, transfer } from '../../domain/subsidies';
import { rules } from '../../rules';

export const subsidies: MutationResolvers = {
  transferFunds: async (_parent, { input }, ctx) => (await transfer(ctx, input)).posting,

  createSubsidyPlan: (_parent, { input }, ctx) => createPlan(ctx, input, rules()),

  disburseSubsidyPlan: async (_parent, { id, postedOn }, ctx) =>
    (await disbursePlan(ctx, id, toDate(postedOn))).posting,

  enterCentralizedAccounting: (_parent, { upperId, lowerId, startedOn, idempotencyKey }, ctx) =>
    enterAgreement(ctx, upperId, lowerId, toDate(startedOn), idempotencyKey),

  endCentralizedAccounting: (_parent, { id, endedOn }, ctx) => endAgreement(ctx, id, toDate(endedOn)),
};
