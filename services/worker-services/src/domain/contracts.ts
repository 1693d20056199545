import {
  addDays,
  asDate,
  BadUserInputError,
  ConflictError,
  kitText,
  type OrgRef,
  orgRef,
  today,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { CollectiveContractDoc, ContractScope, StepDoc } from '../models';
import { contractRules, sectoralBargainingRules } from '../rules';
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

/** The days a contract's replayed steps record it signed and filed (the read model's too). */
export function contractDays(applied: readonly StepDoc[]): { signedOn: Date | null; filedOn: Date | null } {
  return {
    signedOn: dateOf(applied.find((s) => s.step === 'SIGN')?.data?.signedOn),
    filedOn: dateOf(applied.find((s) => s.step === 'FILE')?.data?.filedOn),
  };
}

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
  const { signedOn, filedOn } = contractDays(applied);
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

/** What a contract covers besides its union: its own unit, or (§12) a sector or an area. */
export type Coverage = Pick<CollectiveContractDoc, 'scope' | 'industry' | 'area'>;

/** Contracts stored before §12 carry no scope: they are of one unit. */
export const scopeOf = (c: Coverage): ContractScope => c.scope ?? 'UNIT';

/** Two contracts of one union and kind compete for a term only when they cover the same. */
export const sameCoverage = (a: Coverage, b: Coverage): boolean =>
  scopeOf(a) === scopeOf(b) &&
  (a.industry ?? null) === (b.industry ?? null) &&
  (a.area ?? null) === (b.area ?? null);

/** Checks a new contract (or renewal) before anything is written. */
export async function checkNewContract(
  ctx: Context,
  input: Coverage & {
    organizationId: string;
    kind: string;
    startsOn: Date;
    expiresOn: Date;
    renewsId?: string | null;
  },
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
    if (old.organizationId !== input.organizationId || old.kind !== input.kind || !sameCoverage(old, input)) {
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
    // §12: a federation's sectoral contracts for different sectors (or areas) run side by side.
    if (c._id === input.renewsId || c.kind !== input.kind || !sameCoverage(c, input)) continue;
    const overlaps = asDate(c.startsOn) <= expiresOn && asDate(c.expiresOn) >= startsOn;
    if (overlaps && (await contractView(ctx, c)).status !== 'RENEWED') {
      throw new ConflictError(text('termCovered', { contractId: c._id }), {
        field: 'startsOn',
        contractId: c._id,
      });
    }
  }
}

/** What a new contract's input says about whom it covers (§12). */
export interface ScopeInput {
  scope?: ContractScope | null;
  industry?: string | null;
  area?: string | null;
  employerSide?: string | null;
}

/**
 * §12: a sectoral contract names its sector, a regional one its area, both the employers' side, and
 * only a union entitled to bargain for an area (sectoralBargainingRules) negotiates one. Returns the
 * fields as stored; a contract of one unit carries none of them.
 */
export function contractScope(
  org: OrgRef,
  input: ScopeInput,
): Required<ScopeInput> & { scope: ContractScope } {
  const scope = input.scope ?? 'UNIT';
  const given = (v: string | null | undefined) => v?.trim() || null;
  const [industry, area, employerSide] = [
    given(input.industry),
    given(input.area),
    given(input.employerSide),
  ];
  if (scope === 'UNIT') {
    if (industry || area || employerSide) throw new BadUserInputError(text('unitContractFields'), 'scope');
    return { scope, industry: null, area: null, employerSide: null };
  }
  if (!sectoralBargainingRules.unionTypes.includes(org.type))
    throw new BadUserInputError(text('sectoralUnionType', { type: org.type }), 'organizationId', {
      type: org.type,
      rule: '§12',
    });
  const named = scope === 'SECTORAL' ? { industry, area: null } : { industry: null, area };
  const field = scope === 'SECTORAL' ? 'industry' : 'area';
  if (!named[field]) throw new BadUserInputError(text('sectoralNeeds', { scope, field }), field);
  if (!employerSide)
    throw new BadUserInputError(text('sectoralNeeds', { scope, field: 'employerSide' }), 'employerSide');
  return { scope, ...named, employerSide };
}
