import type { MutationResolvers } from '../__generated__/resolvers-types';
import { requireBookkeeper } from '../domain/access';
import { recordPayrollAllocation } from '../domain/allocation';
import { approveFinalAccount, closePeriod } from '../domain/closing';
import { recordDues } from '../domain/dues';
import { endAgreement, enterAgreement, recordAudit, setBudget } from '../domain/governance';
import { clientKey, openAccounts, post } from '../domain/ledger';
import { toDate } from '../domain/periods';
import { reverse } from '../domain/reversal';
import { rules } from '../domain/rules';
import { createPlan, disbursePlan, spend, transfer } from '../domain/subsidies';

export const Mutation: MutationResolvers = {
  openFundAccount: async (_parent, { organizationId }, ctx) => {
    await requireBookkeeper(ctx, organizationId);
    await openAccounts(ctx, [organizationId]);
    return (await ctx.loaders.accountByOrganization.load(organizationId))!;
  },

  postEntry: async (_parent, { input }, ctx) => {
    const orgIds = [...new Set(input.lines.map((l) => l.organizationId))];
    // A general entry may touch several unions' books: the caller must keep every one of them.
    let keptBy: string | null = null;
    for (const id of orgIds) {
      const at = input.lines.findIndex((l) => l.organizationId === id);
      keptBy ??= (await requireBookkeeper(ctx, id, `lines.${at}.organizationId`)).keptBy;
    }
    const { posting } = await post(ctx, {
      idempotencyKey: clientKey(ctx.caller.id, input.idempotencyKey),
      kind: 'GENERAL',
      bookOrgId: orgIds[0] ?? '',
      postedOn: toDate(input.postedOn),
      memo: input.memo ?? null,
      lines: input.lines,
      keptBy,
    });
    return posting;
  },

  recordSpending: async (_parent, { input }, ctx) => (await spend(ctx, input)).posting,

  reversePosting: async (_parent, { id, postedOn, memo }, ctx) =>
    (await reverse(ctx, id, toDate(postedOn), memo)).posting,

  recordPayrollAllocation: async (_parent, { input }, ctx) =>
    (await recordPayrollAllocation(ctx, input, rules())).posting,

  recordDuesPayment: (_parent, { input }, ctx) => recordDues(ctx, input, rules()),

  transferFunds: async (_parent, { input }, ctx) => (await transfer(ctx, input)).posting,

  createSubsidyPlan: (_parent, { input }, ctx) => createPlan(ctx, input, rules()),

  disburseSubsidyPlan: async (_parent, { id, postedOn }, ctx) =>
    (await disbursePlan(ctx, id, toDate(postedOn))).posting,

  closePeriod: (_parent, { organizationId, period }, ctx) => closePeriod(ctx, organizationId, period),

  enterCentralizedAccounting: (_parent, { upperId, lowerId, startedOn }, ctx) =>
    enterAgreement(ctx, upperId, lowerId, toDate(startedOn)),

  endCentralizedAccounting: (_parent, { id, endedOn }, ctx) => endAgreement(ctx, id, toDate(endedOn)),

  setBudget: (_parent, { organizationId, year, lines }, ctx) => setBudget(ctx, organizationId, year, lines),

  approveFinalAccount: (_parent, { organizationId, year }, ctx) =>
    approveFinalAccount(ctx, organizationId, year),

  recordFundsAudit: (_parent, { input }, ctx) => recordAudit(ctx, input),
};
