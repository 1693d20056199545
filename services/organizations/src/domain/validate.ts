import {
  CREDIT_CODE_ALPHABET,
  creditCodeProblem,
  division,
  NATIONAL_DIVISION_CODE,
  UNION_CREDIT_PREFIX,
} from '@union-graph/domain';
import { BadUserInputError } from '@union-graph/subgraph-kit';
import { text } from '../messages';

/** A GB/T 2260 code that exists; a local federation's code names a division at its own level. */
export function checkDivision(code: string, field: string, org?: { type: string; level: string }): void {
  const d = division(code);
  if (!d) throw new BadUserInputError(text('divisionUnknown', { code }), field);
  if (org?.type === 'NATIONAL_FEDERATION' && code !== NATIONAL_DIVISION_CODE) {
    throw new BadUserInputError(text('nationalDivision', { code: NATIONAL_DIVISION_CODE }), field);
  }
  if (org?.type === 'LOCAL_FEDERATION' && d.level !== org.level) {
    throw new BadUserInputError(text('divisionLevel', { level: org.level, divisionLevel: d.level }), field);
  }
}

export function checkCreditCode(code: string, field: string, { union = false } = {}): void {
  if (creditCodeProblem(code)) throw new BadUserInputError(creditCodeText(code), field);
  if (union && !code.startsWith(UNION_CREDIT_PREFIX)) {
    throw new BadUserInputError(text('unionCreditPrefix', { prefix: UNION_CREDIT_PREFIX }), field);
  }
}

/** Says what is wrong with an invalid code: the domain package only decides that it is, in English. */
export function creditCodeText(code: string) {
  if (code.length !== 18) return text('creditCodeLength');
  if ([...code].some((c) => !CREDIT_CODE_ALPHABET.includes(c))) return text('creditCodeCharacters');
  return text('creditCodeCheck');
}

export function checkCount(value: number | null | undefined, field: string): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 0) {
    throw new BadUserInputError(text('wholeNumber', { field }), field);
  }
}

/** A total and its female part: both counts, the part no larger than the total. */
export function checkCounts(
  total: number | null | undefined,
  female: number | null | undefined,
  [totalField, femaleField]: [string, string],
): void {
  checkCount(total, totalField);
  checkCount(female, femaleField);
  if (total != null && female != null && female > total) {
    throw new BadUserInputError(
      text('partExceedsTotal', { part: femaleField, total: totalField }),
      femaleField,
    );
  }
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Matches every code in a region, given as a prefix (44 → Guangdong, 4401 → Guangzhou) or a full
 * code (440000 is the same as 44); the national code matches everything.
 */
export function divisionPrefixFilter(code: string): { $regex: string } {
  const digits = code.replace(/\D/g, '');
  const prefix = digits === NATIONAL_DIVISION_CODE ? '' : digits.replace(/(00)+$/, '');
  return { $regex: `^${prefix}` };
}
