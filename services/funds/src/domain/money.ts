/**
 * Integer fen arithmetic. Products of amounts and rates can pass 2^53, so they are computed in
 * BigInt; results are checked back into safe integers.
 */

import { BadUserInputError } from '@union-graph/subgraph-kit';
import { text } from '../messages';

const BP = 10_000n;

/** Amounts entered by users: whole fen (the Fen scalar), and here also above zero. */
export function requirePositive(amount: number, field: string): number {
  if (!Number.isSafeInteger(amount) || amount <= 0) {
    throw new BadUserInputError(text('positiveFen', { field }), field);
  }
  return amount;
}

function toSafe(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError('amount exceeds the largest exact number of fen');
  return n;
}

/** `amount × bp / 10000`, rounded half up to the fen (amounts are never negative here). */
export function basisPointsOf(amount: number, bp: number): number {
  return toSafe((BigInt(amount) * BigInt(bp) * 2n + BP) / (2n * BP));
}

/** `part / whole` in basis points, rounded down (0 when the whole is 0). */
export function shareInBasisPoints(part: number, whole: number): number {
  return whole === 0 ? 0 : toSafe((BigInt(part) * BP) / BigInt(whole));
}

/**
 * Splits `total` fen by integer weights with the largest-remainder method: each part gets the
 * floor of its exact share, and the fen left over go one each to the largest remainders (ties to
 * the earlier weight). The parts always add up to `total` exactly.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + BigInt(w), 0n);
  if (sum <= 0n) throw new RangeError('weights must add up to more than zero');
  const t = BigInt(total);
  const exact = weights.map((w, i) => ({ i, floor: (t * BigInt(w)) / sum, rem: (t * BigInt(w)) % sum }));
  let left = t - exact.reduce((a, e) => a + e.floor, 0n);
  const parts = exact.map((e) => e.floor);
  const byRemainder = [...exact].sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const e of byRemainder) {
    if (left === 0n) break;
    parts[e.i]! += 1n;
    left -= 1n;
  }
  return parts.map(toSafe);
}
