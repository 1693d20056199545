import { withheldCells } from '@union-graph/subgraph-kit';
import type {
  RegionStaffingFigures,
  RegionStaffingRow,
  RegionTrainingFigures,
  RegionTrainingRow,
} from './views';

/*
 * Disclosure control of the by-region reports an analyst can still read (issue #19,
 * docs/statistics.md "Every count an analyst reads"): their figures of cadres are held to the same
 * k as cadreBreakdown's cells. A report's regions are the cells of a table whose total the reader
 * learns from the level above (the province's figure beside its cities'), so a region is withheld
 * under k and beside it the cell that would give it away; every figure about anybody when the
 * whole subtree counts fewer than k.
 */

/** R3 / R4 by region: unions are registry facts and stand; the cadres they sum are persons. */
export function disclosedStaffing(
  rows: readonly RegionStaffingRow[],
  k: number | null,
): RegionStaffingFigures[] {
  if (k === null) return [...rows];
  const hidden = (column: 'fullTimeViceChairs' | 'fullTimeStaff') =>
    withheldCells(
      rows.map((r) => ({ codes: [r.divisionCode], count: r[column] })),
      k,
    );
  const [vice, staff] = [hidden('fullTimeViceChairs'), hidden('fullTimeStaff')];
  return rows.map((r, i) => ({
    ...r,
    fullTimeViceChairs: vice.has(i) ? null : r.fullTimeViceChairs,
    fullTimeStaff: staff.has(i) ? null : r.fullTimeStaff,
  }));
}

const STATES = ['trained', 'trainedLate', 'pending', 'overdue'] as const;

/**
 * R6 by region, every figure a count of chairs: a region × state table (each region's chairs its
 * line total, also held to k). A region whose chairs are withheld withholds every state it has.
 */
export function disclosedTraining(
  rows: readonly RegionTrainingRow[],
  k: number | null,
): RegionTrainingFigures[] {
  if (k === null) return [...rows];
  const regions = withheldCells(
    rows.map((r) => ({ codes: [r.divisionCode], count: r.chairs })),
    k,
  );
  const cells = withheldCells(
    rows.flatMap((r) => STATES.map((s) => ({ codes: [r.divisionCode, s], count: r[s] }))),
    k,
  );
  return rows.map((r, i) => {
    const shown = (s: (typeof STATES)[number], j: number) =>
      r[s] === 0 || (!regions.has(i) && !cells.has(i * STATES.length + j)) ? r[s] : null;
    const [trained, trainedLate, pending, overdue] = STATES.map(shown);
    const chairs = regions.has(i) ? null : r.chairs;
    return {
      ...r,
      chairs,
      trained: trained ?? null,
      trainedLate: trainedLate ?? null,
      pending: pending ?? null,
      overdue: overdue ?? null,
      overdueRate: overdue == null || chairs === null ? null : r.overdueRate,
    };
  });
}
