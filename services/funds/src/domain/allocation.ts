import { creditCodeProblem } from '@union-graph/domain';
import { BadUserInputError, type OrgRef } from '@union-graph/subgraph-kit';
import type { PayrollAllocationInput } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { PayrollAllocationDoc } from '../models';
import { type FundRules, LEVELS, type Level } from '../rules';
import { requireBookkeeper } from './access';
import { clientKey, type PostingDraft, post } from './ledger';
import { basisPointsOf, requirePositive, splitByWeights } from './money';
import { requirePeriod, toDate } from './periods';

const TYPE_TIERS: Record<string, Level> = {
  NATIONAL_FEDERATION: 'NATIONAL',
  TOWNSHIP_FEDERATION: 'TOWNSHIP',
  TOWNSHIP_WORK_COMMITTEE: 'TOWNSHIP',
};

/** Which column of the share table an organization takes: its level, else one implied by its type. */
export function tierOf(org: Pick<OrgRef, 'level' | 'type'>): Level {
  if (org.level && (LEVELS as readonly string[]).includes(org.level)) return org.level as Level;
  return TYPE_TIERS[org.type] ?? 'GRASSROOTS';
}

/** Unions that hold a preparatory fund for units whose union is still being formed. */
const NOT_PREPARATORY_HOLDERS = new Set([
  'GRASSROOTS',
  'JOINT_GRASSROOTS',
  'VILLAGE_COMMUNITY',
  'BRANCH',
  'GROUP',
]);

/**
 * Weights per organization for a receipt at `path` (root first, receiver last): each level of
 * the table goes to the nearest organization on the path at that level; the receiver takes its
 * own level and every level below it; a level with no organization on the path goes to the
 * nearest one above it, or to the receiver when there is none.
 */
export function shareWeights(
  path: readonly OrgRef[],
  shares: FundRules['allocationShares'],
): Map<string, number> {
  const receiver = path.at(-1)!;
  const receiverTier = LEVELS.indexOf(tierOf(receiver));
  const holderAt = new Map<number, string>();
  for (const org of path.slice(0, -1)) holderAt.set(LEVELS.indexOf(tierOf(org)), org._id);
  const weights = new Map<string, number>();
  let above: string | undefined;
  LEVELS.forEach((level, tier) => {
    const holder = tier >= receiverTier ? receiver._id : (holderAt.get(tier) ?? above ?? receiver._id);
    if (tier < receiverTier && holderAt.has(tier)) above = holderAt.get(tier);
    weights.set(holder, (weights.get(holder) ?? 0) + (shares[level] ?? 0));
  });
  for (const [id, w] of weights) if (w === 0) weights.delete(id);
  return weights;
}

/** R13: what a receipt (or a union's receipts) left unpaid of the 2 % due; negative when overpaid. */
export const shortfallOf = (a: { due: number; received: number }) => a.due - a.received;

export const ALLOCATION_STATES = ['IN_FULL', 'SHORT'] as const;
export type AllocationState = (typeof ALLOCATION_STATES)[number];

/**
 * R13: a receipt is short when it brought in less than was due. A reversal (its figures negated)
 * takes the state of the receipt it undoes, so the two net out within one cell of a breakdown.
 */
export function allocationStateOf(a: { due: number; received: number }): AllocationState {
  return Math.abs(a.received) < Math.abs(a.due) ? 'SHORT' : 'IN_FULL';
}

/** R13: records a unit's payroll-allocation receipt and splits it across the levels exactly. */
export async function recordPayrollAllocation(ctx: Context, input: PayrollAllocationInput, rules: FundRules) {
  const { org: receiver, keptBy } = await requireBookkeeper(ctx, input.organizationId);
  const unitName = input.unitName.trim();
  if (!unitName) throw new BadUserInputError(text('unitNameRequired'), 'unitName');
  if (creditCodeProblem(input.unitCreditCode)) {
    throw new BadUserInputError(text('unitCreditCode'), 'unitCreditCode');
  }
  requirePeriod(input.period, 'period');
  requirePositive(input.payroll, 'payroll');
  requirePositive(input.received, 'received');
  const preparatory = input.preparatory === true;
  if (preparatory && NOT_PREPARATORY_HOLDERS.has(receiver.type)) {
    throw new BadUserInputError(text('preparatoryAtGrassroots'), 'organizationId');
  }

  const path = (await ctx.scope.orgs.loadMany(receiver.path)).filter(
    (o): o is OrgRef => !!o && !(o instanceof Error),
  );
  return post(
    ctx,
    payrollAllocationDraft(
      path,
      {
        ...input,
        unitName,
        preparatory,
        receivedOn: toDate(input.receivedOn),
        idempotencyKey: clientKey(ctx.caller.id, input.idempotencyKey),
      },
      rules,
      keptBy,
    ),
  );
}

export interface PayrollReceipt {
  /** Already namespaced (see clientKey). */
  idempotencyKey: string;
  unitName: string;
  unitCreditCode: string;
  period: string;
  payroll: number;
  received: number;
  channel: PayrollAllocationDoc['channel'];
  receivedOn: Date;
  preparatory: boolean;
}

/**
 * R13: the posting draft of a receipt at the end of `path` (root first, receiver last), split
 * across the levels exactly. Pure, so the demo seed books receipts as the mutation does.
 */
export function payrollAllocationDraft(
  path: readonly OrgRef[],
  receipt: PayrollReceipt,
  rules: FundRules,
  keptBy: string | null = null,
): PostingDraft {
  const receiver = path.at(-1)!;
  const weights = shareWeights(path, rules.allocationShares);
  const holders = [...weights.keys()].reverse();
  const amounts = splitByWeights(
    receipt.received,
    holders.map((id) => weights.get(id)!),
  );
  const shares = holders
    .map((organizationId, i) => ({ organizationId, amount: amounts[i]! }))
    .filter((s) => s.amount > 0);
  const category = receipt.preparatory ? 'PREPARATORY_FUND' : 'PAYROLL_ALLOCATION';
  const allocation: PayrollAllocationDoc = {
    unitName: receipt.unitName,
    unitCreditCode: receipt.unitCreditCode,
    payroll: receipt.payroll,
    due: basisPointsOf(receipt.payroll, rules.payrollRateBp),
    received: receipt.received,
    channel: receipt.channel,
    receiverId: receiver._id,
    shares,
  };
  return {
    idempotencyKey: receipt.idempotencyKey,
    kind: receipt.preparatory ? 'PREPARATORY_FUND' : 'PAYROLL_ALLOCATION',
    bookOrgId: receiver._id,
    postedOn: receipt.receivedOn,
    memo: `${receipt.unitName} ${receipt.period} 工会经费`,
    lines: shares.flatMap((s) => [
      { organizationId: s.organizationId, book: 'FUNDS' as const, debit: s.amount },
      { organizationId: s.organizationId, book: 'INCOME' as const, category, credit: s.amount },
    ]),
    keptBy,
    allocation,
  };
}
