import { appendOnce, asDate, BadUserInputError, today } from '@union-graph/subgraph-kit';
import type { ContractFilingFilter, FileContractChangeInput } from '../__generated__/resolvers-types';
import type { Context } from '../context';
import { text } from '../messages';
import type { ContractFilingDoc } from '../models';
import { recordEvents } from './events';
import { onceFor } from './once';
import { writableCadre } from './positions';

/**
 * R7: a change, rescission or end of a chair's labor contract is filed with the upper union
 * before it takes effect, i.e. on a day strictly before the effective date (a change effective on
 * day D already applies on D). A filing on or after that day is refused unless it says why it is
 * late; with a reason it is kept and flagged `late`, so the violation reaches the upper union's
 * reports instead of leaving no trace.
 */
export async function fileContractChange(
  ctx: Context,
  input: FileContractChangeInput,
): Promise<ContractFilingDoc> {
  const once = onceFor(ctx, 'fileContractChange', input);
  const { doc: chair, org } = await writableCadre(ctx, input.cadreId);
  if (chair.position !== 'CHAIR') throw new BadUserInputError(text('filingChairOnly'), 'cadreId');
  if (!org.parentId) throw new BadUserInputError(text('noUpperUnion'), 'cadreId');
  const filedOn = today();
  const effectiveOn = asDate(input.effectiveOn);
  const late = filedOn >= effectiveOn;
  const lateReason = input.lateReason?.trim() || null;
  if (late && !lateReason) {
    throw new BadUserInputError(text('filingLate'), 'effectiveOn', {
      filedOn: filedOn.toISOString().slice(0, 10),
    });
  }
  const { doc: filing, created } = await appendOnce(
    ctx.models.ContractFiling,
    {
      organizationId: chair.organizationId,
      cadreId: chair._id,
      memberId: chair.memberId,
      filedWithId: org.parentId,
      kind: input.kind,
      effectiveOn,
      filedOn,
      late,
      lateReason: late ? lateReason : null,
    },
    once,
  );
  if (created) await ctx.publish(recordEvents('ContractFiling', [filing]));
  return filing;
}

/**
 * A subtree's filings list narrowed by its filter (dates are filing days, both ends included); an
 * inverted range is refused rather than answered with nothing.
 */
export function filingConditions(filter: ContractFilingFilter | null | undefined): Record<string, unknown> {
  const { late, kind, from, to } = filter ?? {};
  if (from && to && asDate(from) > asDate(to)) throw new BadUserInputError(text('filingRange'), 'filter.to');
  const filedOn = { ...(from ? { $gte: asDate(from) } : {}), ...(to ? { $lte: asDate(to) } : {}) };
  return {
    ...(late != null ? { late } : {}),
    ...(kind ? { kind } : {}),
    ...(from || to ? { filedOn } : {}),
  };
}
