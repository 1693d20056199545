import { appendOnce, asDate, BadUserInputError, today } from '@union-graph/subgraph-kit';
import type {
  OpenRightsProtectionCaseInput,
  RecordCadreSubsidyInput,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { RightsCaseDoc, SubsidyDoc } from '../models';
import { recordEvents } from './events';
import { onceFor } from './once';
import { writableCadre } from './positions';

/** §16: upper unions may pay part-time grassroots cadres a subsidy; once per cadre and period. */
export async function recordSubsidy(ctx: Context, input: RecordCadreSubsidyInput): Promise<SubsidyDoc> {
  const once = onceFor(ctx, 'recordCadreSubsidy', input);
  const { doc: cadre, org } = await writableCadre(ctx, input.cadreId);
  if (cadre.fullTime) throw new BadUserInputError(text('subsidyPartTime'), 'cadreId');
  const payer = await ctx.scope.requireWritableOrg(input.paidByOrganizationId, 'paidByOrganizationId');
  if (payer._id === org._id || !org.path.includes(payer._id)) {
    throw new BadUserInputError(text('subsidyPayer'), 'paidByOrganizationId');
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new BadUserInputError(text('positive', { field: 'amount' }), 'amount');
  }
  if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(input.period)) {
    throw new BadUserInputError(text('period'), 'period');
  }
  const { doc: subsidy, created } = await appendOnce(
    ctx.models.Subsidy,
    {
      cadreId: cadre._id,
      organizationId: cadre.organizationId,
      paidByOrganizationId: payer._id,
      period: input.period,
      amount: input.amount,
      paidOn: asDate(input.paidOn),
      subsidyKey: `${cadre._id}:${input.period}`,
    },
    { ...once, conflict: { message: text('subsidyRecorded', { period: input.period }), field: 'period' } },
  );
  if (created) await ctx.publish(recordEvents('CadreSubsidy', [subsidy]));
  return subsidy;
}

export async function openRightsCase(
  ctx: Context,
  input: OpenRightsProtectionCaseInput,
): Promise<RightsCaseDoc> {
  const once = onceFor(ctx, 'openRightsProtectionCase', input);
  const { doc: cadre } = await writableCadre(ctx, input.cadreId);
  const openedOn = asDate(input.openedOn);
  if (openedOn > today()) throw new BadUserInputError(text('inFuture', { field: 'openedOn' }), 'openedOn');
  const supportAmount = input.supportAmount ?? 0;
  if (!Number.isSafeInteger(supportAmount) || supportAmount < 0) {
    throw new BadUserInputError(text('supportAmount'), 'supportAmount');
  }
  const { doc: rightsCase, created } = await appendOnce(
    ctx.models.RightsCase,
    {
      cadreId: cadre._id,
      organizationId: cadre.organizationId,
      kind: input.kind,
      openedOn,
      description: input.description,
      supportAmount,
    },
    once,
  );
  if (created) await ctx.publish(recordEvents('RightsProtectionCase', [rightsCase]));
  return rightsCase;
}
