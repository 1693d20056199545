import {
  BadUserInputError,
  disclosedCount,
  memberRef,
  minimumCountFor,
  suppressedCells,
} from '@union-graph/subgraph-kit';
import type { Context } from '../context';
import { text } from '../messages';
import type { AssistanceCaseDoc } from '../models';
import { centerRefs, receivingCenter } from './centers';
import type { NewRecord } from './inputs';
import { appendRecord, type Once } from './once';
import { type Flow, type FlowState, recordStep, replay, type StepInput, subjectEvent } from './workflow';

export type AssistanceStatus = 'SUBMITTED' | 'REVIEWED' | 'APPROVED' | 'REJECTED' | 'ASSISTING' | 'CLOSED';

/** 审核 by the union, 审批 by the upper union, then assistance given any number of times, then closed. */
export const assistanceFlow: Flow<AssistanceStatus, AssistanceCaseDoc> = {
  subjectType: 'AssistanceCase',
  // The member's `assistanceCases`, and the caseload and cases of the center that received it.
  affects: (c) => [memberRef(c.memberId), ...centerRefs(c)],
  initial: 'SUBMITTED',
  steps: {
    REVIEW: { from: ['SUBMITTED'], to: (p) => (p ? 'REVIEWED' : 'REJECTED'), decision: true },
    APPROVE: { from: ['REVIEWED'], to: (p) => (p ? 'APPROVED' : 'REJECTED'), decision: true },
    ASSIST: { from: ['APPROVED', 'ASSISTING'], to: 'ASSISTING', repeatable: true },
    CLOSE: { from: ['APPROVED', 'ASSISTING'], to: 'CLOSED' },
  },
};

/** A region's hardship figures; a figure is null where it is withheld from an analyst (issue #19). */
export interface HardshipRow {
  divisionCode: string;
  deep: number | null;
  relative: number | null;
  accidental: number | null;
  open: number | null;
  assistedAmount: number | null;
}

/** A region's figures as counted, with the households its amount was given to. */
type CountedRow = { [F in keyof HardshipRow]: NonNullable<HardshipRow[F]> } & { assisted: number };

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
  const cases = await ctx.models.AssistanceCase.find(await ctx.scope.subtreeFilter(organizationId)).lean<
    AssistanceCaseDoc[]
  >();
  const states = await Promise.all(cases.map((c) => caseState(ctx, c)));
  const rows = new Map<string, CountedRow>();
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
      assisted: 0,
    };
    row[LEVEL_COLUMN[c.level]] += 1;
    if (state.status === 'APPROVED' || state.status === 'ASSISTING') row.open += 1;
    const amount = assistedAmount(state);
    row.assistedAmount += amount;
    if (amount > 0) row.assisted += 1;
    rows.set(c.divisionCode, row);
  });
  const sorted = [...rows.values()].sort((a, b) => a.divisionCode.localeCompare(b.divisionCode));
  return disclosedHardship(sorted, minimumCountFor(ctx.caller));
}

const LEVELS = Object.values(LEVEL_COLUMN);

/**
 * Issue #19: a case is a household in hardship, so an analyst reads this report held to k as
 * `workerServiceBreakdown` does — region × level cells under k withheld with the cells that would
 * give them back by subtraction (the kit's `suppressedCells`; every figure when the whole table is
 * under k); a region's open cases beside its cases (the others are the difference), and its amount
 * where it was given to fewer than k households.
 */
function disclosedHardship(rows: readonly CountedRow[], k: number | null): HardshipRow[] {
  if (k === null) return rows.map(({ assisted: _, ...row }) => row);
  const cells = rows.flatMap((r) =>
    LEVELS.map((level) => ({ codes: [r.divisionCode, level], count: r[level] })),
  );
  const total = cells.reduce((n, c) => n + c.count, 0);
  const hidden =
    disclosedCount(total, k) === null ? new Set(cells.map((_, i) => i)) : suppressedCells(cells, k);
  return rows.map((r, row) => {
    const cases = LEVELS.reduce((n, level) => n + r[level], 0);
    const shown = (level: number) => (hidden.has(row * LEVELS.length + level) ? null : r[LEVELS[level]!]);
    const regionShown = disclosedCount(cases, k) !== null && disclosedCount(total, k) !== null;
    return {
      divisionCode: r.divisionCode,
      deep: shown(0),
      relative: shown(1),
      accidental: shown(2),
      open: regionShown ? disclosedCount(r.open, k, [cases]) : null,
      assistedAmount: regionShown && disclosedCount(r.assisted, k) !== null ? r.assistedAmount : null,
    };
  });
}

export async function openAssistanceCase(
  ctx: Context,
  input: NewRecord<AssistanceCaseDoc, 'divisionCode' | 'centerOrganizationId'>,
  once?: Once,
): Promise<AssistanceCaseDoc> {
  const org = await ctx.scope.requireWritableOrg(input.organizationId);
  const center = input.centerId ? await receivingCenter(ctx, org._id, input.centerId) : null;
  const { doc: opened, created } = await appendRecord<AssistanceCaseDoc>(
    ctx,
    ctx.models.AssistanceCase,
    {
      ...input,
      centerId: center?._id ?? null,
      centerOrganizationId: center?.organizationId ?? null,
      divisionCode: org.divisionCode,
    },
    once,
  );
  if (created) await ctx.publish([subjectEvent(assistanceFlow, opened)]);
  return opened;
}

/** Review, assistance and closing are the case union's; approval is its upper union's. */
export async function caseStep(
  ctx: Context,
  id: string,
  step: 'REVIEW' | 'APPROVE' | 'ASSIST' | 'CLOSE',
  input: StepInput,
  once?: Once,
): Promise<AssistanceCaseDoc> {
  const c = await ctx.scope.requireVisible(
    await ctx.loaders.assistanceCase.load(id),
    (d) => d.organizationId,
    'AssistanceCase',
    id,
  );
  const org = await ctx.scope.requireOrg(c.organizationId, 'id');
  const byUpperUnion = step === 'APPROVE';
  await ctx.scope.requireWritableOrg(byUpperUnion ? (org.parentId ?? org._id) : org._id, 'id');
  await recordStep(ctx, assistanceFlow, c, step, input, once);
  return c;
}

export function giveAssistance(
  ctx: Context,
  id: string,
  input: { kind: string; amount: number; note?: string | null },
  once?: Once,
): Promise<AssistanceCaseDoc> {
  if (input.amount < 0) throw new BadUserInputError(text('negativeAmount'), 'input.amount');
  if (input.kind === 'CASH' && input.amount === 0) {
    throw new BadUserInputError(text('cashNeedsAmount'), 'input.amount');
  }
  return caseStep(
    ctx,
    id,
    'ASSIST',
    { note: input.note, data: { kind: input.kind, amount: input.amount } },
    once,
  );
}
