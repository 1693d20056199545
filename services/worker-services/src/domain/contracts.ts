import {
  addDays,
  asDate,
  BadUserInputError,
  ConflictError,
  kitText,
  orgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { CollectiveContractDoc } from '../models';
import { contractRules } from '../rules';
import { type Flow, replay } from './workflow';

export type ContractStage = 'DRAFT' | 'NEGOTIATING' | 'SIGNED' | 'FILED';

/** 协商 (one or more rounds) → 签订 → 备案. Expiry and renewal are read from dates and successors. */
export const contractFlow: Flow<ContractStage, CollectiveContractDoc> = {
  subjectType: 'CollectiveContract',
  // The union's `collectiveContracts`, and the contract it renews (`renewedBy`).
  affects: (c) => [
    orgRef(c.organizationId),
    c.renewsId ? { type: 'CollectiveContract', id: c.renewsId } : null,
  ],
  initial: 'DRAFT',
  steps: {
    NEGOTIATE: { from: ['DRAFT', 'NEGOTIATING'], to: 'NEGOTIATING', repeatable: true },
    SIGN: { from: ['NEGOTIATING'], to: 'SIGNED' },
    FILE: { from: ['SIGNED'], to: 'FILED' },
  },
};

export type ContractStatus = ContractStage | 'RENEWED' | 'EXPIRED';

export interface ContractView {
  status: ContractStatus;
  stage: ContractStage;
  signedOn: Date | null;
  filedOn: Date | null;
  negotiationRounds: number;
  renewedBy: CollectiveContractDoc | null;
  /** R20: signed, not renewed, expiry within the renewal window. */
  renewalDue: boolean;
  /** R20: signed and not filed within the deadline, or filed after it. */
  filingOverdue: boolean;
}

const dateOf = (v: unknown) => (v ? asDate(v as string) : null);

/** Everything R20 needs about a contract, from its steps and its successor (both batched). */
export async function contractView(
  ctx: Context,
  c: CollectiveContractDoc,
  asOf = today(),
  rules = contractRules,
): Promise<ContractView> {
  const [steps, renewedBy] = await Promise.all([
    ctx.loaders.steps.load(c._id),
    ctx.loaders.contractRenewal.load(c._id),
  ]);
  const { status: stage, applied } = replay(contractFlow, steps);
  const signedOn = dateOf(applied.find((s) => s.step === 'SIGN')?.data?.signedOn);
  const filedOn = dateOf(applied.find((s) => s.step === 'FILE')?.data?.filedOn);
  const signed = stage === 'SIGNED' || stage === 'FILED';
  const expiresOn = asDate(c.expiresOn);
  const fileBy = signedOn ? addDays(signedOn, rules.fileWithinDays) : null;
  return {
    status: renewedBy ? 'RENEWED' : signed && asOf > expiresOn ? 'EXPIRED' : stage,
    stage,
    signedOn,
    filedOn,
    negotiationRounds: applied.filter((s) => s.step === 'NEGOTIATE').length,
    renewedBy,
    renewalDue:
      signed && !renewedBy && asOf <= expiresOn && asOf >= addDays(expiresOn, -rules.renewalWindowDays),
    filingOverdue: !!fileBy && (filedOn ? filedOn > fileBy : asOf > fileBy),
  };
}

/** Checks a new contract (or renewal) before anything is written. */
export async function checkNewContract(
  ctx: Context,
  input: { organizationId: string; kind: string; startsOn: Date; expiresOn: Date; renewsId?: string | null },
): Promise<void> {
  const startsOn = asDate(input.startsOn);
  const expiresOn = asDate(input.expiresOn);
  if (expiresOn <= startsOn)
    throw new BadUserInputError(
      text('mustBeAfter', { later: 'expiresOn', earlier: 'startsOn' }),
      'expiresOn',
    );
  if (expiresOn < today()) throw new BadUserInputError(text('contractExpired'), 'expiresOn');
  if (expiresOn > addDays(startsOn, 3 * 366)) {
    throw new BadUserInputError(text('contractTooLong'), 'expiresOn');
  }
  if (input.renewsId) {
    const old = await ctx.scope.visible(
      await ctx.loaders.contract.load(input.renewsId),
      (c) => c.organizationId,
    );
    if (!old)
      throw new BadUserInputError(
        kitText('notFound', { typename: 'CollectiveContract', id: input.renewsId }),
        'renewsId',
      );
    if (old.organizationId !== input.organizationId || old.kind !== input.kind) {
      throw new BadUserInputError(text('renewalSameUnionKind'), 'renewsId');
    }
    const view = await contractView(ctx, old);
    if (view.renewedBy) throw new ConflictError(text('alreadyRenewed'), { field: 'renewsId' });
    if (view.stage !== 'SIGNED' && view.stage !== 'FILED') {
      throw new BadUserInputError(text('renewOnlySigned'), 'renewsId');
    }
    if (startsOn <= asDate(old.startsOn)) {
      throw new BadUserInputError(text('renewalStartsAfter'), 'startsOn');
    }
  }
  const existing = await ctx.loaders.contractsByOrganization.load(input.organizationId);
  for (const c of existing) {
    if (c._id === input.renewsId || c.kind !== input.kind) continue;
    const overlaps = asDate(c.startsOn) <= expiresOn && asDate(c.expiresOn) >= startsOn;
    if (overlaps && (await contractView(ctx, c)).status !== 'RENEWED') {
      throw new ConflictError(text('termCovered', { contractId: c._id }), {
        field: 'startsOn',
        contractId: c._id,
      });
    }
  }
}
