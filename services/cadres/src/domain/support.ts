import {
  appendOnce,
  asDate,
  BadUserInputError,
  type ChangeEvent,
  ConflictError,
  modifyDocument,
  NotFoundError,
  today,
} from '@union-graph/subgraph-kit';
import type {
  ApproveRightsCaseSupportInput,
  OpenRightsProtectionCaseInput,
  RecordCadreSubsidyInput,
} from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { RightsCaseDoc, SubsidyDoc } from '../models';
import { onceFor } from './once';
import { writableCadre } from './positions';

/**
 * What funds posts from the payer's cadre rights-protection fund (工会干部权益保障金), carried in the
 * event so funds never reads cadres' data: payer, whole fen, the day it is paid, the cadre.
 */
export interface FundPayment {
  fundedByOrganizationId: string;
  amount: number;
  /** YYYY-MM-DD. */
  on: string;
  cadreId: string;
  period?: string;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function subsidyEvent(s: SubsidyDoc): ChangeEvent<FundPayment> {
  return {
    type: 'CadreSubsidy',
    id: s._id,
    op: 'upsert',
    version: 1,
    data: {
      fundedByOrganizationId: s.paidByOrganizationId,
      amount: s.amount,
      on: day(s.paidOn),
      cadreId: s.cadreId,
      period: s.period,
    },
  };
}

/** A case's event: with the payment once support is approved (version 2). */
export function rightsCaseEvent(c: RightsCaseDoc): ChangeEvent<FundPayment> {
  const support = c.support;
  return {
    type: 'RightsProtectionCase',
    id: c._id,
    op: 'upsert',
    version: c.version ?? 1,
    ...(support && {
      data: {
        fundedByOrganizationId: support.fundedByOrganizationId,
        amount: support.amount,
        on: day(support.approvedOn),
        cadreId: c.cadreId,
      },
    }),
  };
}

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
  if (created) await ctx.publish([subsidyEvent(subsidy)]);
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
  if (created) await ctx.publish([rightsCaseEvent(rightsCase)]);
  return rightsCase;
}

/**
 * §16: an upper union approves support for a case from its rights-protection fund, once. Cadres
 * cannot see the fund's balance (funds owns it), so approval is not refused for want of money:
 * funds posts the payment and a negative balance reports the overdraft. A repeat with the same
 * support returns the case and publishes nothing again; other support is CONFLICT.
 */
export async function approveSupport(
  ctx: Context,
  input: ApproveRightsCaseSupportInput,
): Promise<RightsCaseDoc> {
  const { doc: rightsCase, org } = await ctx.scope.requireWritable(
    await ctx.loaders.rightsCase.load(input.caseId),
    'RightsProtectionCase',
    input.caseId,
    'caseId',
  );
  const funder = await ctx.scope.requireWritableOrg(input.fundedByOrganizationId, 'fundedByOrganizationId');
  if (funder._id === org._id || !org.path.includes(funder._id)) {
    throw new BadUserInputError(text('supportFunder'), 'fundedByOrganizationId');
  }
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0) {
    throw new BadUserInputError(text('positive', { field: 'amount' }), 'amount');
  }
  const support = {
    fundedByOrganizationId: funder._id,
    amount: input.amount,
    approvedOn: asDate(input.approvedOn),
  };
  const same = (s: NonNullable<RightsCaseDoc['support']>) =>
    s.fundedByOrganizationId === support.fundedByOrganizationId &&
    s.amount === support.amount &&
    asDate(s.approvedOn).getTime() === support.approvedOn.getTime();
  let approved = false;
  const after = await modifyDocument(ctx.models.RightsCase, rightsCase._id, (current) => {
    if (current.support) {
      if (same(current.support)) return null;
      throw new ConflictError(text('supportApproved', { amount: current.support.amount }), {
        field: 'caseId',
      });
    }
    approved = true;
    return { update: { $set: { support, version: 2 } }, guard: { support: null } };
  });
  if (!after) throw new NotFoundError('RightsProtectionCase', input.caseId, 'caseId');
  if (approved) await ctx.publish([rightsCaseEvent(after)]);
  return after;
}
