import type { Context } from '../context';
import type { AssistanceCaseDoc } from '../models';
import { subtreeFilter } from '../subtree';
import { type AssistanceStatus, assistanceFlow, type FlowState, replay } from '../workflows';

export interface HardshipRow {
  divisionCode: string;
  deep: number;
  relative: number;
  accidental: number;
  open: number;
  assistedAmount: number;
}

export async function caseState(ctx: Context, c: AssistanceCaseDoc): Promise<FlowState<AssistanceStatus>> {
  return replay(assistanceFlow, await ctx.loaders.steps.load(c._id));
}

export function assistedAmount(state: FlowState<AssistanceStatus>): number {
  return state.applied
    .filter((s) => s.step === 'ASSIST')
    .reduce((sum, s) => sum + Number(s.data?.amount ?? 0), 0);
}

const LEVEL_COLUMN = { DEEP: 'deep', RELATIVE: 'relative', ACCIDENTAL: 'accidental' } as const;

/** Cases of a subtree by the region of their union, rejected cases left out. */
export async function hardshipStatistics(ctx: Context, organizationId: string): Promise<HardshipRow[]> {
  const cases = await ctx.models.AssistanceCase.find(await subtreeFilter(ctx, organizationId)).lean<
    AssistanceCaseDoc[]
  >();
  const states = await Promise.all(cases.map((c) => caseState(ctx, c)));
  const rows = new Map<string, HardshipRow>();
  cases.forEach((c, i) => {
    const state = states[i]!;
    if (state.status === 'REJECTED') return;
    const row = rows.get(c.divisionCode) ?? {
      divisionCode: c.divisionCode,
      deep: 0,
      relative: 0,
      accidental: 0,
      open: 0,
      assistedAmount: 0,
    };
    row[LEVEL_COLUMN[c.level]] += 1;
    if (state.status === 'APPROVED' || state.status === 'ASSISTING') row.open += 1;
    row.assistedAmount += assistedAmount(state);
    rows.set(c.divisionCode, row);
  });
  return [...rows.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
}
