import {
  creditCodeProblem,
  division,
  NATIONAL_DIVISION_CODE,
  UNION_CREDIT_PREFIX,
} from '@union-graph/domain';
import { BadUserInputError } from '@union-graph/subgraph-kit';

/** A GB/T 2260 code that exists; a local federation's code names a division at its own level. */
export function checkDivision(code: string, field: string, org?: { type: string; level: string }): void {
  const d = division(code);
  if (!d) throw new BadUserInputError(`${code} is not a GB/T 2260 division code`, field);
  if (org?.type === 'NATIONAL_FEDERATION' && code !== NATIONAL_DIVISION_CODE) {
    throw new BadUserInputError(`the national federation's division is ${NATIONAL_DIVISION_CODE}`, field);
  }
  if (org?.type === 'LOCAL_FEDERATION' && d.level !== org.level) {
    throw new BadUserInputError(
      `a ${org.level} federation needs a ${org.level} division, not ${d.level}`,
      field,
    );
  }
}

export function checkCreditCode(code: string, field: string, { union = false } = {}): void {
  const problem = creditCodeProblem(code);
  if (problem) throw new BadUserInputError(`credit code ${problem}`, field);
  if (union && !code.startsWith(UNION_CREDIT_PREFIX)) {
    throw new BadUserInputError(`a union's credit code starts with ${UNION_CREDIT_PREFIX}`, field);
  }
}

export function checkCount(value: number | null | undefined, field: string): void {
  if (value === null || value === undefined) return;
  if (!Number.isInteger(value) || value < 0) {
    throw new BadUserInputError(`${field} must be a whole number ≥ 0`, field);
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
    throw new BadUserInputError(`${femaleField} cannot exceed ${totalField}`, femaleField);
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
